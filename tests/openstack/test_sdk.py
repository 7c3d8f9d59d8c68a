"""openstacksdk with the otcextensions plugin, and the `openstack` command line, against
`apigw serve`, logged in with the README's clouds.yaml (the emulator variant) unchanged.

tests/openstack.rs runs it (`python -m pytest tests/openstack`) with APIGW_BIN naming the
`apigw` binary; without openstacksdk it is skipped there with a message.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

# The README's clouds.yaml for the emulator ("Connecting to a cloud"): auth_url
# http://127.0.0.1:8080/iam/v3, username alice, password secret, user_domain_name mydomain,
# project_name eu-de, region_name eu-de; only the port is the one `--port 0` chose.
CLOUDS_YAML = """\
clouds:
  test:
    auth:
      auth_url: {iam}/v3
      username: alice
      password: secret
      user_domain_name: mydomain
      project_name: eu-de
    region_name: eu-de
"""

PROJECT_ID = "0e3a5b9c0d1f2436587a9b0c1d2e3f40"


def apigw_binary():
    binary = os.environ.get("APIGW_BIN")
    if not binary:
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "target"))
        binary = os.path.join(target, "debug", "apigw")
    if not os.path.exists(binary):
        pytest.fail(f"no apigw binary at {binary}: build it (cargo build --bin apigw) or set APIGW_BIN")
    return binary


@pytest.fixture(scope="module")
def cloud():
    """`apigw serve` on a free port with the README's user, and the README's clouds.yaml."""
    folder = tempfile.mkdtemp(prefix="apigw-openstack-")
    ports = os.path.join(folder, "ports.json")
    log = open(os.path.join(folder, "serve.log"), "w")
    server = subprocess.Popen(
        [apigw_binary(), "serve", "--port", "0", "--ports-file", ports, "--user", "alice:secret:mydomain"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not os.path.exists(ports):
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("apigw serve did not start: " + open(log.name).read())
            time.sleep(0.05)
        urls = json.load(open(ports))
        clouds = os.path.join(folder, "clouds.yaml")
        with open(clouds, "w") as f:
            f.write(CLOUDS_YAML.format(iam=urls["iam"]))
        os.environ["OS_CLIENT_CONFIG_FILE"] = clouds
        for variable in [v for v in os.environ if v.startswith("OS_") and v != "OS_CLIENT_CONFIG_FILE"]:
            del os.environ[variable]
        yield {"urls": urls, "clouds": clouds, "folder": folder}
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def conn(cloud):
    import openstack
    from otcextensions import sdk

    conn = openstack.connect(cloud="test")
    sdk.register_otc_extensions(conn)
    return conn


def ids(resources):
    return sorted(r.id for r in resources)


def test_logs_in_with_a_token_and_a_catalog_of_the_types_openstack_looks_for(conn, cloud):
    assert conn.authorize().startswith("emu-token-")
    assert conn.current_project_id == PROJECT_ID
    iam = cloud["urls"]["iam"]
    assert conn.endpoint_for("identity") == iam + "/v3"
    assert conn.endpoint_for("compute") == cloud["urls"]["ecs"] + "/v2.1/" + PROJECT_ID
    assert conn.endpoint_for("network") == cloud["urls"]["vpc"]
    assert conn.endpoint_for("image") == cloud["urls"]["ims"]
    assert conn.endpoint_for("rdsv3") == cloud["urls"]["rds"] + "/v3/" + PROJECT_ID


def test_projects(conn):
    # IAM creates a project below a region's project (`parent_id` is required).
    project = conn.identity.create_project(
        name="eu-de_p1", domain_id="domain-mydomain", parent_id=conn.current_project_id
    )
    assert project.id
    assert [p.name for p in conn.identity.projects()] == ["eu-de_p1"]


def test_networks_subnets_ports_and_security_groups_are_what_the_emulator_holds(conn):
    network = conn.network.create_network(name="net-a")
    assert network.name == "net-a" and network.id
    assert ids(conn.network.networks()) == [network.id]
    assert conn.network.get_network(network.id).name == "net-a"

    subnet = conn.network.create_subnet(name="sub-a", network_id=network.id, cidr="192.168.0.0/24", ip_version=4)
    assert ids(conn.network.subnets()) == [subnet.id]

    port = conn.network.create_port(name="port-a", network_id=network.id)
    assert ids(conn.network.ports()) == [port.id]

    group = conn.network.create_security_group(name="sg-a")
    assert ids(conn.network.security_groups()) == [group.id]
    assert [g.name for g in conn.network.security_groups()] == ["sg-a"]

    conn.network.delete_port(port)
    assert list(conn.network.ports()) == []


def test_servers_and_flavors(conn):
    flavors = list(conn.compute.flavors())
    assert flavors and all(f.id for f in flavors)
    server = conn.compute.create_server(
        name="vm-a", flavor_id=flavors[0].id, image_id="img-1", networks=[{"uuid": "net-1"}]
    )
    assert server.id
    servers = list(conn.compute.servers())
    assert ids(servers) == [server.id]
    assert servers[0].name == "vm-a"
    assert conn.compute.get_server(server.id).name == "vm-a"


def test_images(conn):
    images = list(conn.image.images())
    assert images and all(i.id and i.id != "string" for i in images)


def test_dns_zones(conn):
    zone = conn.dns.create_zone(name="example.org.", email="a@example.org")
    assert ids(conn.dns.zones()) == [zone.id]


def test_nat_gateways(conn):
    gateway = conn.nat.create_gateway(name="nat-a", router_id="r-1", internal_network_id="n-1", spec="1")
    assert ids(conn.nat.gateways()) == [gateway.id]


def test_rds_instances(conn):
    instance = conn.rds.create_instance(
        name="rds-a",
        datastore={"type": "MySQL", "version": "8.0"},
        flavor_ref="rds.mysql.c2.large",
        volume={"type": "ULTRAHIGH", "size": 40},
        region="eu-de",
        availability_zone="eu-de-01",
        vpc_id="vpc-1",
        subnet_id="subnet-1",
        security_group_id="sg-1",
        password="Secret-123!",
    )
    assert ids(conn.rds.instances()) == [instance.id]


def test_routers_and_floating_ips(conn):
    router = conn.network.create_router(name="router-a")
    assert ids(conn.network.routers()) == [router.id]
    ip = conn.network.create_ip(floating_network_id="admin_external_net")
    assert ids(conn.network.ips()) == [ip.id]


def test_volumes(conn):
    volume = conn.block_storage.create_volume(name="vol-a", size=10, availability_zone="eu-de-01")
    assert volume.id
    assert ids(conn.block_storage.volumes()) == [volume.id]


def openstack_cli(cloud, *args):
    """`openstack --os-cloud test ARGS -f json`, from the python-openstackclient beside this
    Python."""
    command = [sys.executable, "-m", "openstackclient.shell", "--os-cloud", "test", *args, "-f", "json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert done.returncode == 0, f"{' '.join(args)}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    "args",
    [("server", "list"), ("network", "list"), ("image", "list"), ("flavor", "list")],
)
def test_the_openstack_command_line(cloud, args):
    pytest.importorskip("openstackclient")
    rows = openstack_cli(cloud, *args)
    assert isinstance(rows, list)

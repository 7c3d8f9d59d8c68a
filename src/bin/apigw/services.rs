//! The services the command line knows: each service crate's `SERVICE`.

use apigw_runtime::ServiceMeta;

/// Every service, in no particular order (the command line sorts them by name).
pub static SERVICES: &[&ServiceMeta] = &[
    // tools/add-service.sh adds to this list.
    &apigw_vpcep::SERVICE,
    &apigw_vpc::SERVICE,
    &apigw_smn::SERVICE,
    &apigw_rds::SERVICE,
    &apigw_nat::SERVICE,
    &apigw_lts::SERVICE,
    &apigw_kms::SERVICE,
    &apigw_ims::SERVICE,
    &apigw_iam::SERVICE,
    &apigw_er::SERVICE,
    &apigw_ecs::SERVICE,
    &apigw_dns::SERVICE,
    &apigw_dcs::SERVICE,
    &apigw_drs::SERVICE,
    &apigw_rms::SERVICE,
    &apigw_cfw::SERVICE,
    &apigw_ces::SERVICE,
    &apigw_apig::SERVICE,
];

//! Paired runtime benchmarks: generated code (`apigw-apig`) against careful hand-written code
//! doing the same work, the two run in alternating short rounds of one process.
//!
//! Measuring one side after the other (as criterion does) lets load that comes and goes on a
//! shared machine land on one side only. Here each round runs both sides for the same number
//! of iterations, one right after the other (which goes first alternates), and keeps the ratio
//! of the two times; the result is the median of those per-round ratios with its quartiles.
//! Load that lasts longer than a round slows both sides of the rounds it touches alike and
//! cancels out of their ratios.
//!
//! Each side is timed twice: by the wall clock, and by the CPU time it took ([`Clock`]: of the
//! measuring thread, or of the whole process when the work runs on several threads, as a
//! client and its server do). On a machine shared with other work the wall clock also counts
//! the time the scheduler gave to others, which comes in slices as long as a round; CPU time
//! does not, so its ratios are the ones that hold from run to run.
//!
//! The bench target `paired` (`cargo bench -p apigw-bench-runtime`) runs every pair; this
//! library holds what it measures with ([`compare`]) and what it measures ([`baseline`],
//! [`bodies`], [`server`]).

use std::time::{Duration, Instant};

use rustix::time::{ClockId, clock_gettime};

pub mod baseline;
pub mod bodies;
pub mod server;

/// How long and how often a pair is measured.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Rounds per pair (each gives one ratio).
    pub rounds: usize,
    /// About how long one side of a round runs; sets the iterations per round.
    pub round_time: Duration,
    /// Both sides run alternately this long before the rounds (caches, pools, allocator).
    pub warm_up: Duration,
    /// Whose CPU time is measured.
    pub clock: Clock,
    /// For a profiler (callgrind, perf): run only this side, `rounds` iterations once, and
    /// measure nothing.
    pub only: Option<Only>,
}

/// Whose CPU time a side is measured by (the wall clock is always measured too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The thread calling [`compare`]: for work done on that thread alone.
    Thread,
    /// Every thread of the process: for work spread over threads (a client's runtime, the
    /// loopback server).
    Process,
}

impl Clock {
    fn now(self) -> Duration {
        let id = match self {
            Self::Thread => ClockId::ThreadCPUTime,
            Self::Process => ClockId::ProcessCPUTime,
        };
        let now = clock_gettime(id);
        Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
    }
}

/// One side of a pair (see [`Settings::only`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// The first closure given to [`compare`] (the generated code).
    First,
    /// The second one (the hand-written code).
    Second,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            rounds: 201,
            round_time: Duration::from_millis(10),
            warm_up: Duration::from_millis(500),
            clock: Clock::Thread,
            only: None,
        }
    }
}

/// The first quartile, the median and the third quartile of some figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    /// 25th percentile.
    pub q1: f64,
    /// 50th percentile.
    pub median: f64,
    /// 75th percentile.
    pub q3: f64,
}

impl Quartiles {
    /// The quartiles of `values` (linear interpolation between the two nearest ranks, as
    /// R's default and numpy's `percentile` do). `None` for no values.
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let rank = p * (sorted.len() - 1) as f64;
            let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
            sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
        };
        Some(Self {
            q1: at(0.25),
            median: at(0.5),
            q3: at(0.75),
        })
    }

    /// The interquartile range, `q3 - q1`.
    pub fn iqr(&self) -> f64 {
        self.q3 - self.q1
    }
}

/// What [`compare`] measured.
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// The per-round ratios `a ÷ b` of CPU time.
    pub ratio: Quartiles,
    /// The per-round ratios `a ÷ b` of wall-clock time.
    pub wall_ratio: Quartiles,
    /// `a`'s CPU time per iteration in the rounds, in nanoseconds.
    pub a_ns: Quartiles,
    /// `b`'s CPU time per iteration in the rounds, in nanoseconds.
    pub b_ns: Quartiles,
    /// `a`'s wall-clock time per iteration in the rounds, in nanoseconds.
    pub a_wall_ns: Quartiles,
    /// `b`'s wall-clock time per iteration in the rounds, in nanoseconds.
    pub b_wall_ns: Quartiles,
    /// Iterations each side ran per round.
    pub iterations: u64,
    /// Rounds measured.
    pub rounds: usize,
}

/// Times `side(iterations)`: wall clock and CPU time.
fn time(clock: Clock, side: &mut dyn FnMut(u64), iterations: u64) -> (Duration, Duration) {
    let (started, cpu) = (Instant::now(), clock.now());
    side(iterations);
    (started.elapsed(), clock.now().saturating_sub(cpu))
}

/// Measures `a` against `b`: each is a closure that does its work `n` times when called
/// with `n`. After warming both up, every round runs both for the same number of iterations,
/// one right after the other (`a` first in even rounds, `b` first in odd ones), and records
/// `time(a) ÷ time(b)` by CPU time and by the wall clock.
pub fn compare(settings: Settings, a: &mut dyn FnMut(u64), b: &mut dyn FnMut(u64)) -> Outcome {
    if let Some(only) = settings.only {
        let iterations = settings.rounds as u64;
        let (wall, cpu) = match only {
            Only::First => time(settings.clock, a, iterations),
            Only::Second => time(settings.clock, b, iterations),
        };
        let per = |d: Duration| {
            Quartiles::of(&[d.as_nanos() as f64 / iterations.max(1) as f64]).expect("one value")
        };
        let none = Quartiles::of(&[f64::NAN]).expect("one value");
        let (first, second) = (only == Only::First, only == Only::Second);
        return Outcome {
            ratio: none,
            wall_ratio: none,
            a_ns: if first { per(cpu) } else { none },
            b_ns: if second { per(cpu) } else { none },
            a_wall_ns: if first { per(wall) } else { none },
            b_wall_ns: if second { per(wall) } else { none },
            iterations,
            rounds: 1,
        };
    }
    // Warm up and calibrate together: double the iterations until both sides have run at
    // least `warm_up`, then size a round from the later, warmer timings.
    let started = Instant::now();
    let mut iterations = 1u64;
    let mut per_iteration = Duration::ZERO;
    for _ in 0..48 {
        let ((_, ta), (_, tb)) = (
            time(settings.clock, a, iterations),
            time(settings.clock, b, iterations),
        );
        per_iteration = (ta + tb) / 2 / iterations.try_into().unwrap_or(u32::MAX);
        if started.elapsed() >= settings.warm_up {
            break;
        }
        if ta.max(tb) < settings.round_time {
            iterations = iterations.saturating_mul(2);
        }
    }
    let per_iteration = per_iteration.max(Duration::from_nanos(1));
    let iterations = (settings.round_time.as_nanos() / per_iteration.as_nanos()).max(1) as u64;

    // Per round: [cpu ratio, wall ratio, a cpu, b cpu, a wall, b wall], per iteration.
    let mut figures: [Vec<f64>; 6] = Default::default();
    for round in 0..settings.rounds {
        let ((wall_a, cpu_a), (wall_b, cpu_b)) = if round % 2 == 0 {
            let ta = time(settings.clock, a, iterations);
            (ta, time(settings.clock, b, iterations))
        } else {
            let tb = time(settings.clock, b, iterations);
            (time(settings.clock, a, iterations), tb)
        };
        let ns = |d: Duration| d.as_nanos().max(1) as f64;
        let n = iterations as f64;
        let row = [
            ns(cpu_a) / ns(cpu_b),
            ns(wall_a) / ns(wall_b),
            ns(cpu_a) / n,
            ns(cpu_b) / n,
            ns(wall_a) / n,
            ns(wall_b) / n,
        ];
        for (figure, value) in figures.iter_mut().zip(row) {
            figure.push(value);
        }
    }
    let quartiles = |values: &[f64]| Quartiles::of(values).expect("at least one round");
    Outcome {
        ratio: quartiles(&figures[0]),
        wall_ratio: quartiles(&figures[1]),
        a_ns: quartiles(&figures[2]),
        b_ns: quartiles(&figures[3]),
        a_wall_ns: quartiles(&figures[4]),
        b_wall_ns: quartiles(&figures[5]),
        iterations,
        rounds: settings.rounds,
    }
}

/// A duration in nanoseconds as text with a fitting unit (`195 ns`, `226.2 µs`).
pub fn format_ns(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.0} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.1} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_between_ranks() {
        let q = Quartiles::of(&[4.0, 1.0, 3.0, 2.0, 5.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (2.0, 3.0, 4.0));
        let q = Quartiles::of(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (1.75, 2.5, 3.25));
        assert_eq!(q.iqr(), 1.5);
        let q = Quartiles::of(&[7.0]).unwrap();
        assert_eq!((q.q1, q.median, q.q3), (7.0, 7.0, 7.0));
        assert_eq!(Quartiles::of(&[]), None);
    }

    #[test]
    fn compare_runs_both_sides_equally_often() {
        let (mut ran_a, mut ran_b) = (0u64, 0u64);
        let settings = Settings {
            rounds: 5,
            round_time: Duration::from_micros(50),
            warm_up: Duration::ZERO,
            clock: Clock::Thread,
            only: None,
        };
        let outcome = compare(settings, &mut |n| ran_a += n, &mut |n| ran_b += n);
        assert_eq!(ran_a, ran_b);
        assert_eq!(outcome.rounds, 5);
        assert!(outcome.iterations >= 1);
    }

    #[test]
    fn durations_are_shown_with_a_unit() {
        assert_eq!(format_ns(195.4), "195 ns");
        assert_eq!(format_ns(226_240.0), "226.2 µs");
        assert_eq!(format_ns(1_500_000.0), "1.50 ms");
    }
}

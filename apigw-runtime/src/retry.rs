//! When and how long to wait before trying a request again.
//!
//! Idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried after a connection
//! failure, a `429 Too Many Requests` or a `5xx`, with exponential backoff and jitter; a
//! `Retry-After` header (seconds or an HTTP date) is honoured. Other methods (POST, PATCH) are
//! sent once unless [`RetryPolicy::retry_non_idempotent`] says otherwise: the server may
//! have acted on a request whose answer was lost.

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use reqwest::Method;

/// How a [`Client`](crate::Client) retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_retry_after: Duration,
    pub(crate) retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 200 ms doubling up to 10 s, `Retry-After` up to 60 s honoured,
    /// idempotent methods only.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Every request is sent once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the second attempt; it doubles for each further one.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest computed wait between attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a server asking for more gets no retry (its answer
    /// is returned).
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Retries POST and PATCH too (only for operations known to be safe to repeat).
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry_non_idempotent = retry;
        self
    }

    /// How many attempts a request with this method gets.
    pub fn attempts_for(&self, method: &Method) -> u32 {
        let idempotent = matches!(
            *method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        if idempotent || self.retry_non_idempotent {
            self.max_attempts
        } else {
            1
        }
    }

    /// The wait before attempt `next` (2 for the first retry): the server's `Retry-After` if it
    /// sent one, else `initial_backoff * 2^(next-2)` capped at `max_backoff`, with jitter
    /// (between half and all of it). `None` when the server asks for longer than allowed.
    pub fn delay(&self, next: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let exponent = next.saturating_sub(2).min(30);
        let full = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let half = full / 2;
        let jitter = half.mul_f64(random_unit());
        Some(half + jitter)
    }
}

/// Whether a status is worth another attempt.
pub fn retryable_status(status: u16) -> bool {
    status == 429 || (500..600).contains(&status)
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 10.2.3).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)`, from the standard library's per-process random hash keys.
fn random_unit() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    );
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_idempotent_methods_are_retried_by_default() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.attempts_for(&Method::GET), 3);
        assert_eq!(policy.attempts_for(&Method::DELETE), 3);
        assert_eq!(policy.attempts_for(&Method::POST), 1);
        assert_eq!(
            policy
                .clone()
                .retry_non_idempotent(true)
                .attempts_for(&Method::POST),
            3
        );
        assert_eq!(RetryPolicy::disabled().attempts_for(&Method::GET), 1);
    }

    #[test]
    fn backoff_doubles_within_jitter_and_caps() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..100 {
            let d2 = policy.delay(2, None).unwrap();
            let d3 = policy.delay(3, None).unwrap();
            let d9 = policy.delay(9, None).unwrap();
            assert!((50..=100).contains(&d2.as_millis()), "{d2:?}");
            assert!((100..=200).contains(&d3.as_millis()), "{d3:?}");
            assert!((175..=350).contains(&d9.as_millis()), "{d9:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_limit() {
        let policy = RetryPolicy::default().max_retry_after(Duration::from_secs(5));
        assert_eq!(
            policy.delay(2, Some(Duration::from_secs(2))),
            Some(Duration::from_secs(2))
        );
        assert_eq!(policy.delay(2, Some(Duration::from_secs(6))), None);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_462_660);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Mon, 23 Nov 2026 19:37:50 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Mon, 23 Nov 2026 19:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}

//! HTTP metadata: statuses, `Retry-After` and request-id headers, token responses and JWT
//! expiries. A real client (manual clock, so retries never sleep) authenticates against a
//! loopback server whose replies come from the input, then the parsers and the retry and
//! token-cache arithmetic run directly on the same values.
#![no_main]

#[path = "../common/mod.rs"]
mod common;

use std::time::{Duration, SystemTime};

use libfuzzer_sys::arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;

#[derive(Debug)]
struct Input<'a> {
    replies: Vec<(u16, Option<&'a str>, Option<&'a str>, &'a str)>,
    credentials: u8,
    jwt: &'a str,
    attempts: u32,
    backoff_ms: u64,
    max_wait_s: u64,
    now_s: u64,
    elapsed_s: u64,
    expires_in: Option<u64>,
    waited_ms: u64,
    seed: u64,
    idempotent: bool,
}

impl<'a> Arbitrary<'a> for Input<'a> {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let count = u.int_in_range(1..=4)?;
        let mut replies = Vec::with_capacity(count);
        for _ in 0..count {
            let status = *u.choose(&[
                200, 200, 201, 204, 400, 401, 403, 404, 409, 429, 429, 500, 503,
            ])?;
            let status = if u.ratio(1, 8)? {
                u.int_in_range(200..=599)?
            } else {
                status
            };
            replies.push((status, u.arbitrary()?, u.arbitrary()?, u.arbitrary()?));
        }
        Ok(Input {
            replies,
            credentials: u.arbitrary()?,
            jwt: u.arbitrary()?,
            attempts: u.int_in_range(1..=6)?,
            backoff_ms: u.arbitrary()?,
            max_wait_s: u.arbitrary()?,
            now_s: u.arbitrary()?,
            elapsed_s: u.arbitrary()?,
            expires_in: u.arbitrary()?,
            waited_ms: u.arbitrary()?,
            seed: u.arbitrary()?,
            idempotent: u.arbitrary()?,
        })
    }
}

fuzz_target!(|input: Input<'_>| {
    let replies = input
        .replies
        .iter()
        .map(|(status, retry_after, request_id, body)| {
            let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
            headers.extend(retry_after.map(|v| ("Retry-After".to_owned(), v.to_owned())));
            headers.extend(request_id.map(|v| ("X-Request-Id".to_owned(), v.to_owned())));
            common::Reply {
                status: *status,
                headers,
                body: body.as_bytes().to_vec(),
            }
        })
        .collect();
    let url = common::serve(replies);
    let policy = code42::RetryPolicy::default()
        .max_attempts(input.attempts)
        .initial_backoff(Duration::from_millis(input.backoff_ms))
        .max_total_wait(Duration::from_secs(input.max_wait_s));
    let jwt = input.jwt.to_owned();
    let client = common::client(&url, |b| {
        let b = b.retry_policy(policy.clone());
        match input.credentials % 3 {
            0 => b.api_client("key-fuzz", "fuzz-secret"),
            1 => b
                .local_account("fuzz@example.com", "fuzz-password")
                .totp("123456"),
            _ => b.jwt_provider(move || Ok(jwt.clone().into())),
        }
    });
    match client.users().get_by_uid("fuzz-user") {
        Ok(_) => {}
        Err(error) => {
            let text = error.to_string();
            // The secret of the credentials in use is redacted wherever the server echoes it.
            let secret = match input.credentials % 3 {
                0 => Some("fuzz-secret"),
                1 => Some("fuzz-password"),
                _ => None,
            };
            assert!(secret.is_none_or(|s| !text.contains(s)), "{text}");
            let _ = format!("{error:?}");
        }
    }

    let now = SystemTime::UNIX_EPOCH
        .checked_add(Duration::from_secs(input.now_s))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for (status, retry_after, _, _) in &input.replies {
        let parsed = retry_after.and_then(|v| code42::__fuzz::parse_retry_after(v, now));
        let _ = code42::__fuzz::next_delay(
            &policy,
            input.attempts.saturating_sub(1).max(1),
            Duration::from_millis(input.waited_ms),
            *status,
            parsed,
            input.idempotent,
            input.seed,
        );
    }
    let _ = code42::__fuzz::jwt_lifetime(input.jwt, now);
    let fresh = code42::__fuzz::cache_token(
        input.jwt,
        input.expires_in.map(Duration::from_secs),
        Duration::from_secs(input.elapsed_s),
    );
    assert!(fresh <= Duration::from_secs(24 * 60 * 60), "{fresh:?}");
});

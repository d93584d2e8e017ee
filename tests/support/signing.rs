//! Signing a request body as Discord does (Ed25519 over the timestamp followed by the
//! body, both headers in lower-case hex), with a made-up key. Shared by the endpoint's
//! tests, its benchmark and `examples/sign_request.rs`, so all sign the same way.

use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};

/// The application's key pair, made up.
pub fn key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

/// Unix seconds now, as `X-Signature-Timestamp` counts them.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Lower-case hex, as Discord writes keys and signatures.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `X-Signature-Ed25519` header for `body` sent at `timestamp`.
pub fn signature(signer: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    hex(&signer
        .sign(&[timestamp.as_bytes(), body].concat())
        .to_bytes())
}

//! The share link: a project squeezed into a URL fragment (`#project=…`), which browsers never
//! send to a server. Deflate, then URL-safe base64; reading it back is bounded, so a hostile link
//! (garbage, or a "zip bomb" that would inflate to gigabytes) is refused without being inflated.

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flate2::Compression;
use flate2::read::{DeflateDecoder, DeflateEncoder};

use crate::error::{PlaygroundError, Result};

/// Longest link this playground writes or reads, in characters of the fragment: browsers and chat
/// apps keep URLs of this size; beyond it, the project file is the way to share.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Most bytes a link may inflate to: far above any project that fits in a link, far below a bomb.
pub const MAX_INFLATED_BYTES: usize = 16 << 20;

/// The prefix of the fragment that carries a project.
pub const PREFIX: &str = "#project=";

/// The link fragment (`#project=…`) for project file `bytes`, or an error saying how large it is.
pub fn to_link(bytes: &[u8]) -> Result<String> {
    let mut packed = Vec::new();
    DeflateEncoder::new(bytes, Compression::best())
        .read_to_end(&mut packed)
        .map_err(|e| PlaygroundError::Backend(format!("compressing the project failed: {e}")))?;
    let link = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed));
    if link.len() > MAX_LINK_CHARS {
        return Err(PlaygroundError::InvalidData(format!(
            "this project is too large for a link ({} kB compressed, links hold up to {} kB): save the project file instead",
            link.len() / 1024,
            MAX_LINK_CHARS / 1024
        )));
    }
    Ok(link)
}

/// The project file bytes in a link (a whole URL, or just its `#project=…` fragment).
pub fn from_link(link: &str) -> Result<Vec<u8>> {
    let bad = |m: String| PlaygroundError::InvalidData(format!("this link does not hold a playground project: {m}"));
    let Some(at) = link.find(PREFIX) else { return Err(bad(format!("it has no '{PREFIX}' part"))) };
    let text = &link[at + PREFIX.len()..];
    if text.len() > MAX_LINK_CHARS {
        return Err(bad(format!("it is {} kB long; links hold up to {} kB", text.len() / 1024, MAX_LINK_CHARS / 1024)));
    }
    let packed = URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).map_err(|e| bad(format!("its text is not valid base64 ({e})")))?;
    let mut bytes = Vec::new();
    DeflateDecoder::new(&packed[..])
        .take(MAX_INFLATED_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(format!("it is not compressed data ({e})")))?;
    if bytes.len() > MAX_INFLATED_BYTES {
        return Err(bad(format!("it inflates to more than {} MB, which no shared project needs", MAX_INFLATED_BYTES >> 20)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips_and_hostile_links_are_refused() {
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
        let link = to_link(&bytes).unwrap();
        assert!(link.starts_with(PREFIX));
        assert_eq!(from_link(&format!("https://example.org/page.html{link}")).unwrap(), bytes);
        assert!(from_link("#other=1").unwrap_err().to_string().contains("no '#project='"));
        assert!(from_link("#project=***").unwrap_err().to_string().contains("base64"));
        assert!(from_link(&format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(b"not deflate at all"))).is_err());
        // A bomb: 40 MB of zeros deflate to about 40 kB, a link that would inflate past the limit.
        let mut bomb = Vec::new();
        DeflateEncoder::new(std::io::repeat(0).take(40 << 20), Compression::best()).read_to_end(&mut bomb).unwrap();
        let e = from_link(&format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(&bomb))).unwrap_err().to_string();
        assert!(e.contains("inflates to more than") || e.contains("kB long"), "{e}");
        let mut rng = crate::data::rng::SeededRng::new(1);
        let noise: Vec<u8> = (0..100_000).map(|_| rng.next_u64() as u8).collect();
        assert!(to_link(&noise).unwrap_err().to_string().contains("too large for a link"));
    }
}

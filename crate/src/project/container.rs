//! The bytes of a project file: a fixed header, a JSON manifest, binary blobs (safetensors
//! weights), and a checksum of everything before it, so truncation and corruption are caught
//! before anything is read.
//!
//! ```text
//! "SW2PROJ\0"  u32 LE format version  u32 LE manifest length  manifest (UTF-8 JSON)
//! blob 0 … blob n-1 (lengths listed in the manifest)  u64 LE checksum (FNV-1a of all bytes before)
//! ```

use crate::error::{PlaygroundError, Result};

/// The first bytes of every project file.
pub const MAGIC: &[u8; 8] = b"SW2PROJ\0";
/// The container version this build writes; files of a later version are refused.
pub const CONTAINER_VERSION: u32 = 1;

const HEADER: usize = MAGIC.len() + 4 + 4;
const CHECKSUM: usize = 8;

/// FNV-1a, 64 bits: a checksum against accidents (truncation, a flipped byte), not an attacker.
pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Lays out `manifest` and `blobs` as a project file.
pub fn write(manifest: &[u8], blobs: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + manifest.len() + blobs.iter().map(Vec::len).sum::<usize>() + CHECKSUM);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&CONTAINER_VERSION.to_le_bytes());
    out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
    out.extend_from_slice(manifest);
    for b in blobs {
        out.extend_from_slice(b);
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// A project file taken apart: its manifest bytes and the region that holds the blobs.
pub struct Parts<'a> {
    /// The manifest, still JSON text.
    pub manifest: &'a [u8],
    /// Every blob, back to back, as the manifest lists them.
    pub blobs: &'a [u8],
}

/// Checks the header, the version and the checksum, and splits the file into manifest and blobs.
pub fn read(bytes: &[u8]) -> Result<Parts<'_>> {
    let bad = |m: &str| Err(PlaygroundError::InvalidData(format!("this is not a playground project file: {m}")));
    if bytes.len() < HEADER + CHECKSUM {
        return if bytes.starts_with(&MAGIC[..bytes.len().min(MAGIC.len())]) && !bytes.is_empty() {
            Err(PlaygroundError::InvalidData("the project file is truncated: it ends inside its header".into()))
        } else {
            bad("it is too short")
        };
    }
    if &bytes[..MAGIC.len()] != MAGIC {
        return bad("it does not start with SW2PROJ");
    }
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    let version = word(MAGIC.len());
    if version > CONTAINER_VERSION {
        return Err(PlaygroundError::InvalidData(format!(
            "the project file is format version {version}, made by a newer playground; this one reads up to version {CONTAINER_VERSION}"
        )));
    }
    let (body, tail) = bytes.split_at(bytes.len() - CHECKSUM);
    let stored = u64::from_le_bytes(tail.try_into().expect("8 bytes"));
    if checksum(body) != stored {
        return Err(PlaygroundError::InvalidData(
            "the project file is damaged or truncated: its checksum does not match its contents".into(),
        ));
    }
    let length = word(MAGIC.len() + 4) as usize;
    if HEADER + length > body.len() {
        return Err(PlaygroundError::InvalidData("the project file's manifest runs past its end".into()));
    }
    Ok(Parts { manifest: &body[HEADER..HEADER + length], blobs: &body[HEADER + length..] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_round_trips_and_every_kind_of_damage_is_named() {
        let file = write(b"{\"a\":1}", &[vec![1, 2, 3], vec![4]]);
        let parts = read(&file).unwrap();
        assert_eq!((parts.manifest, parts.blobs), (&b"{\"a\":1}"[..], &[1u8, 2, 3, 4][..]));
        let err = |b: &[u8]| read(b).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err(&file[..file.len() - 3]).contains("checksum"));
        assert!(err(&file[..10]).contains("truncated"));
        assert!(err(b"PK\x03\x04 a zip file, not a project").contains("SW2PROJ"));
        let mut flipped = file.clone();
        flipped[20] ^= 1;
        assert!(err(&flipped).contains("damaged"));
        let mut newer = file.clone();
        newer[8] = 9;
        assert!(err(&newer).contains("newer playground"));
    }
}

//! ASCII read eight bytes at a time: most of the text that word counts and search's
//! folding read is ASCII, and each of them reads all of it, and search keys a word
//! of up to eight bytes by the integer they make. A chunk is eight bytes as a
//! little-endian `u64` (the first byte lowest); what a test finds about each byte is
//! the high bit of that byte in the result, so that `trailing_zeros() / 8` is the
//! first byte it holds for.

/// One in each byte of a `u64`.
pub const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of a `u64`: set for the bytes of non-ASCII characters.
pub const HIGH_BITS: u64 = ONES << 7;

/// Up to eight bytes from the start of `bytes` as a chunk (missing bytes are zero),
/// and how many there were.
#[inline]
pub fn load_chunk(bytes: &[u8]) -> (u64, usize) {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return (u64::from_le_bytes(*eight), 8);
    }
    // Fewer than eight: gathered one by one, which costs less than a copy's call.
    let chunk = bytes.iter().rev().fold(0, |chunk, &byte| chunk << 8 | u64::from(byte));
    (chunk, bytes.len())
}

/// The high bit of each byte of `chunk` (all ASCII) that lies in `lo..=hi`. No sum
/// carries from one byte to the next, since each byte is below 0x80.
#[inline]
pub fn byte_in_range(chunk: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = chunk + ONES * u64::from(0x80 - lo);
    let above_hi = chunk + ONES * u64::from(0x7F - hi);
    at_least_lo & !above_hi & HIGH_BITS
}

/// The high bit of each byte of `chunk` that is an ASCII letter or digit; bytes of
/// non-ASCII characters are neither.
#[inline]
pub fn alphanumeric(chunk: u64) -> u64 {
    let low = chunk & !HIGH_BITS;
    let letters = byte_in_range(low | (ONES * 0x20), b'a', b'z');
    (letters | byte_in_range(low, b'0', b'9')) & !chunk & HIGH_BITS
}

/// The high bits of the eight bytes of `flags` (as the tests above give them) as
/// eight bits, the first byte's lowest.
#[inline]
pub fn byte_bits(flags: u64) -> u64 {
    // Each byte's bit lands in the top byte at its own place, and no two products
    // meet: the multiplication gathers them without carries.
    ((flags >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// For up to 64 bytes from the start of `bytes`: a bit per byte (the first lowest)
/// for the ASCII letters and digits, and another for the bytes of non-ASCII
/// characters.
#[inline]
pub fn block_bits(bytes: &[u8]) -> (u64, u64) {
    let (mut words, mut high) = (0, 0);
    let mut add = |n: usize, chunk: u64| {
        words |= byte_bits(alphanumeric(chunk)) << (8 * n);
        high |= byte_bits(chunk & HIGH_BITS) << (8 * n);
    };
    if let Some(block) = bytes.first_chunk::<64>() {
        for (n, eight) in block.as_chunks::<8>().0.iter().enumerate() {
            add(n, u64::from_le_bytes(*eight));
        }
    } else {
        for (n, eight) in bytes.chunks(8).enumerate() {
            add(n, load_chunk(eight).0);
        }
    }
    (words, high)
}

/// The lowest `len` bytes of a chunk, `len` from 1 to 8: a word of `len` bytes
/// read from its first.
#[inline]
pub fn first_bytes(chunk: u64, len: usize) -> u64 {
    chunk & (u64::MAX >> (64 - 8 * len.clamp(1, 8)))
}

/// Where the first byte of `bytes` that is not ASCII is.
#[inline]
pub fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or([0x80; 8]));
        let high = word & HIGH_BITS;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words.remainder().iter().position(|b| !b.is_ascii()).map(|n| at + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_non_ascii_byte_is_found_wherever_it_stands() {
        for len in 0..40 {
            let ascii = vec![b'a'; len];
            assert_eq!(first_non_ascii(&ascii), None, "{len} ASCII bytes");
            for at in 0..len {
                let mut bytes = ascii.clone();
                bytes[at] = 0xc3;
                bytes[len - 1] = 0xa9;
                assert_eq!(first_non_ascii(&bytes), Some(at), "{len} bytes, the first not ASCII at {at}");
            }
        }
    }

    #[test]
    fn the_first_bytes_of_a_chunk_are_the_word_they_start() {
        let chunk = u64::from_le_bytes(*b"abcdefgh");
        for len in 1..=8 {
            let mut word = [0u8; 8];
            word[..len].copy_from_slice(&b"abcdefgh"[..len]);
            assert_eq!(first_bytes(chunk, len), u64::from_le_bytes(word), "{len}");
        }
    }

    #[test]
    fn the_bits_of_a_block_are_its_letters_and_digits_and_its_non_ascii_bytes() {
        let mut random = crate::test_random::Random::new(0x0B10_C0B1_7500_0001);
        for _ in 0..2000 {
            let bytes: Vec<u8> = (0..random.below(80)).map(|_| random.below(256) as u8).collect();
            let (words, high) = block_bits(&bytes);
            for (at, byte) in bytes.iter().enumerate().take(64) {
                assert_eq!(words >> at & 1 == 1, byte.is_ascii_alphanumeric(), "{bytes:?} at {at}");
                assert_eq!(high >> at & 1 == 1, !byte.is_ascii(), "{bytes:?} at {at}");
            }
            let past = bytes.len().min(64);
            assert_eq!(words.checked_shr(past as u32).unwrap_or(0), 0, "no bits past the bytes");
        }
    }
}

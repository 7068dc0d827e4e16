//! A seeded generator for the tests that try many random inputs: xorshift, the same
//! inputs on every run, so that a failure repeats.

/// The generator's state.
pub struct Random(u64);

impl Random {
    /// A generator started from `seed`, which is not 0.
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

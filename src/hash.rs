//! A hash whose values are part of file formats (group ids, a saved
//! state's settings), so they must not change with the platform, the
//! process or the Rust release: 64-bit FNV-1a.

/// 64-bit FNV-1a over the bytes written.
pub(crate) struct Fnv(pub(crate) u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds `bytes` to the hash.
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

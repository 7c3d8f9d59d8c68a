//! The side channel by which a generated enum tells the deserializer of an undocumented value.
//!
//! A generated enum's `Deserialize` reads any string or integer (an undocumented one as its
//! `Unknown` variant) and so cannot fail; it calls [`unknown_enum_value`] instead, and the
//! deserializer that asked for the value takes the flag back with [`taken`].

use std::cell::Cell;

thread_local! {
    /// Set by [`unknown_enum_value`] while a string or integer is being decoded.
    static UNKNOWN_VALUE: Cell<bool> = const { Cell::new(false) };
}

/// Called by a generated enum's `Deserialize` when a value is not one of its documented values,
/// so that the deserializer of this module records it (elsewhere it is a no-op).
pub(crate) fn unknown_enum_value() {
    UNKNOWN_VALUE.with(|flag| flag.set(true));
    super::watch::note();
}

/// Forgets an earlier signal, before a string or integer is decoded.
pub(super) fn reset() {
    UNKNOWN_VALUE.with(|flag| flag.set(false));
}

/// Whether an undocumented value was signalled since [`reset`]; resets.
pub(super) fn taken() -> bool {
    UNKNOWN_VALUE.with(|flag| flag.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_is_taken_once() {
        reset();
        assert!(!taken());
        unknown_enum_value();
        assert!(taken());
        assert!(!taken(), "taking resets");
        unknown_enum_value();
        reset();
        assert!(!taken());
    }
}

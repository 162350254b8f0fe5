//! Any bytes as a state file: refused with an error or loaded, and a
//! loaded state runs, saves and loads back.

#![no_main]

use claimtrack::State;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("state.json");
    std::fs::write(&file, data).expect("writes");
    let Ok(state) = State::load(&file) else { return };
    let tracker = state.into_tracker();
    let again = dir.path().join("again.json");
    tracker.save(&again).expect("a loaded state saves");
    State::load(&again).expect("and loads back");
});

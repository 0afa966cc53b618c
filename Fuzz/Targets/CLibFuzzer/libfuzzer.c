// Only the header matters: libFuzzer itself comes from the toolchain.

#ifndef SUMMITWATCH_LIBFUZZER_H
#define SUMMITWATCH_LIBFUZZER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs with their own main (SwiftPM gives every executable one): runs the fuzzer
// with the command line's flags on `callback`. Linked from the toolchain by -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

/* Callgrind client requests for Python (ctypes): count only the requests,
   never the interpreter's start-up. Outside valgrind each is a no-op. */
#include <valgrind/callgrind.h>

void bench_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void bench_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void bench_dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
void bench_zero(void) { CALLGRIND_ZERO_STATS; }

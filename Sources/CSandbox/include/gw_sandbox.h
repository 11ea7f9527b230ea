#ifndef GW_SANDBOX_H
#define GW_SANDBOX_H

/// Limits for one sandboxed tool run.
typedef struct {
    /// Wall-clock limit in milliseconds; the whole process group is killed past it.
    long wall_ms;
    /// RLIMIT_CPU in seconds.
    long cpu_seconds;
    /// RLIMIT_AS in bytes (address space: bounds the tool's memory).
    long memory_bytes;
    /// RLIMIT_FSIZE in bytes: the largest file the tool may write, its output included.
    long output_bytes;
} gw_limits;

/// How a sandboxed run ended.
typedef struct {
    /// 1 when the tool exited on its own; `exit_code` is then its status.
    int exited;
    int exit_code;
    /// The signal that ended it (0 if none): SIGXCPU past the CPU limit, SIGXFSZ past the output limit.
    int signal;
    /// 1 when the wall-clock limit killed it.
    int timed_out;
    /// Peak resident memory of the tool in KiB (from wait4's rusage).
    long max_rss_kib;
    /// 0, or the errno of the step that failed before the tool ran (fork, limits, seccomp, exec);
    /// `failed_step` names it.
    int setup_errno;
    char failed_step[16];
} gw_result;

/// Runs `argv[0]` (an absolute path) in `dir` with stdin from /dev/null, stdout into
/// `stdout_path` and stderr discarded, in a new session, with the limits applied, no inherited
/// descriptors, a minimal environment, and a seccomp filter that refuses every socket except
/// AF_UNIX (no network). Blocks until the tool ends or is killed. Returns 0, or -1 when the
/// run could not be set up (see `result->setup_errno`).
int gw_run_sandboxed(char *const argv[], const char *dir, const char *stdout_path, gw_limits limits,
                     gw_result *result);

#endif

// A small sandbox for the external text extractors (pdftotext, catdoc, xls2csv).
//
// The child does only async-signal-safe work between fork and exec (the parent has threads):
// setsid, chdir, open/dup2/close, setrlimit, prctl, and execve. A step that fails makes the
// child report its errno through a close-on-exec pipe and exit; the tool never runs unconfined.
#define _GNU_SOURCE
#include "gw_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef __NR_io_uring_setup
#define GW_NR_IO_URING_SETUP __NR_io_uring_setup
#else
#define GW_NR_IO_URING_SETUP 425
#endif

#if defined(__x86_64__)
#define GW_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define GW_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

typedef struct {
    int err;
    char step[16];
} child_report;

static void report(int fd, const char *step) {
    child_report r;
    r.err = errno;
    memset(r.step, 0, sizeof r.step);
    for (int i = 0; step[i] && i < 15; i++) r.step[i] = step[i];
    (void)!write(fd, &r, sizeof r);
    _exit(127);
}

/// socket(): allowed for AF_UNIX only, EACCES otherwise. Any other architecture is killed.
static int install_no_network(void) {
#ifdef GW_AUDIT_ARCH
    struct sock_filter filter[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        /* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GW_AUDIT_ARCH, 1, 0),
        /* 2 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        /* 3 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        /* 4 */ BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),  // x32 calls
        /* 5 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GW_NR_IO_URING_SETUP, 0, 1),  // io_uring makes sockets too
        /* 7 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
        /* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 4),
        /* 9 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        /* 10 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_UNIX, 0, 1),
        /* 11 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 12 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA)),
        /* 13 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {.len = sizeof filter / sizeof filter[0], .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
#else
    errno = ENOSYS;
    return -1;
#endif
}

static int limit(int resource, long value) {
    struct rlimit r = {.rlim_cur = (rlim_t)value, .rlim_max = (rlim_t)value};
    return setrlimit(resource, &r);
}

static void child(char *const argv[], const char *dir, const char *stdout_path, gw_limits limits, int report_fd) {
    static char *const env[] = {"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME=/nonexistent", NULL};
    if (setsid() < 0) report(report_fd, "setsid");
    if (chdir(dir) != 0) report(report_fd, "chdir");
    int in = open("/dev/null", O_RDONLY);
    int out = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open("/dev/null", O_WRONLY);
    if (in < 0 || out < 0 || err < 0) report(report_fd, "open");
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) report(report_fd, "dup2");
    // Every other descriptor closes; the report pipe is close-on-exec.
    for (int fd = 3; fd < 4096; fd++)
        if (fd != report_fd) close(fd);
    if (limit(RLIMIT_AS, limits.memory_bytes) != 0) report(report_fd, "rlimit-as");
    if (limit(RLIMIT_CPU, limits.cpu_seconds) != 0) report(report_fd, "rlimit-cpu");
    if (limit(RLIMIT_FSIZE, limits.output_bytes) != 0) report(report_fd, "rlimit-fsize");
    if (limit(RLIMIT_NOFILE, 64) != 0) report(report_fd, "rlimit-nofile");
    if (limit(RLIMIT_CORE, 0) != 0) report(report_fd, "rlimit-core");
    if (install_no_network() != 0) report(report_fd, "seccomp");
    execve(argv[0], argv, env);
    report(report_fd, "exec");
}

static long elapsed_ms(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

int gw_run_sandboxed(char *const argv[], const char *dir, const char *stdout_path, gw_limits limits,
                     gw_result *result) {
    memset(result, 0, sizeof *result);
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        result->setup_errno = errno;
        strcpy(result->failed_step, "pipe");
        return -1;
    }
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        result->setup_errno = errno;
        strcpy(result->failed_step, "fork");
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        close(pipefd[0]);
        child(argv, dir, stdout_path, limits, pipefd[1]);
    }
    close(pipefd[1]);

    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    long pause_us = 500;
    for (;;) {
        pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) break;
        if (done < 0 && errno != EINTR) {
            result->setup_errno = errno;
            strcpy(result->failed_step, "wait");
            break;
        }
        if (elapsed_ms(&start) > limits.wall_ms) {
            kill(-pid, SIGKILL);  // the tool's session: it and anything it started
            kill(pid, SIGKILL);
            result->timed_out = 1;
            while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {}
            break;
        }
        struct timespec pause = {.tv_sec = 0, .tv_nsec = pause_us * 1000};
        nanosleep(&pause, NULL);
        if (pause_us < 20000) pause_us *= 2;
    }
    kill(-pid, SIGKILL);  // nothing of the run outlives it

    child_report r;
    ssize_t n = read(pipefd[0], &r, sizeof r);
    close(pipefd[0]);
    result->max_rss_kib = usage.ru_maxrss;
    if (n == (ssize_t)sizeof r) {
        result->setup_errno = r.err;
        memcpy(result->failed_step, r.step, sizeof r.step);
        result->failed_step[15] = 0;
        return -1;
    }
    if (WIFEXITED(status)) {
        result->exited = 1;
        result->exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result->signal = WTERMSIG(status);
    }
    return 0;
}

"""The sandbox launcher: joins a pids cgroup, sets rlimits, drops root capabilities, applies Landlock, execs.

It runs as a separate interpreter (`python -I -S sandbox_exec.py SPEC_JSON`) rather than a `preexec_fn`,
which is unsafe in threaded parents. Standard library only; the parent also imports `landlock_abi()`.
"""
from __future__ import annotations

import ctypes
import json
import os
import resource
import sys

_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF, _SYS_CAPSET = 444, 445, 446, 126
_PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP, _PR_SET_SECUREBITS = 38, 24, 28
_FS_WRITE_FILE, _FS_TRUNCATE = 1 << 1, 1 << 14
_FS_WRITE_V1 = sum(1 << bit for bit in (1, 4, 5, 6, 7, 8, 9, 10, 11, 12))  # write, remove, make_*
_FS_REFER = 1 << 13
_NET_ALL_TCP = (1 << 0) | (1 << 1)
_SCOPE_ALL = (1 << 0) | (1 << 1)  # abstract unix sockets and signals outside the domain
_RLIMITS = {"as": resource.RLIMIT_AS, "fsize": resource.RLIMIT_FSIZE, "cpu": resource.RLIMIT_CPU,
            "nproc": resource.RLIMIT_NPROC, "core": resource.RLIMIT_CORE}


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, or 0 when Landlock is unavailable (old kernel, LSM off, not x86-64/arm64)."""
    import platform

    if sys.platform != "linux" or platform.machine() not in ("x86_64", "aarch64"):
        return 0
    abi = _libc().syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(abi), 0)


def _fail(what: str) -> None:
    err = ctypes.get_errno()
    raise OSError(err, f"landlock {what}: {os.strerror(err)}")


def apply_landlock(writable: list[str]) -> None:
    """Deny every filesystem write outside `writable` (dirs and files), all TCP, and cross-domain signals."""
    libc, abi = _libc(), landlock_abi()
    if abi < 1:
        raise OSError("landlock unavailable")
    fs = _FS_WRITE_V1 | (_FS_REFER if abi >= 2 else 0) | (_FS_TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(fs, _NET_ALL_TCP if abi >= 4 else 0, _SCOPE_ALL if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8
    ruleset = libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        _fail("create_ruleset")
    for path in writable:
        try:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except FileNotFoundError:
            continue
        is_dir = os.path.isdir(path)
        allowed = fs if is_dir else fs & (_FS_WRITE_FILE | _FS_TRUNCATE)
        rule = _PathBeneath(allowed, fd)
        if libc.syscall(_SYS_ADD_RULE, ruleset, 1, ctypes.byref(rule), 0) < 0:
            _fail(f"add_rule {path}")
        os.close(fd)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0:
        _fail("no_new_privs")
    if libc.syscall(_SYS_RESTRICT_SELF, ruleset, 0) < 0:
        _fail("restrict_self")
    os.close(ruleset)


def drop_root_capabilities() -> None:
    """As root, empty the bounding set and capabilities so the command is uid 0 without any privilege."""
    libc = _libc()
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    libc.prctl(_PR_SET_SECUREBITS, 0x2F, 0, 0, 0)  # noroot, no_setuid_fixup, keep_caps_locked
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)
    data = (ctypes.c_uint32 * 6)()
    if libc.syscall(_SYS_CAPSET, ctypes.byref(header), ctypes.byref(data)) < 0:
        _fail("capset")


def main(spec: dict) -> None:
    """Apply `spec` to this process and exec `spec["argv"]`; any failure exits 126 with a reason."""
    try:
        if spec.get("cgroup_procs"):
            with open(spec["cgroup_procs"], "w") as f:
                f.write(str(os.getpid()))
        for name, value in spec.get("rlimits", {}).items():
            resource.setrlimit(_RLIMITS[name], (value, value))
        if spec.get("drop_caps") and os.geteuid() == 0:
            drop_root_capabilities()
        if spec.get("landlock") is not None:
            apply_landlock(spec["landlock"])
        os.execvp(spec["argv"][0], spec["argv"])
    except OSError as exc:
        print(f"rolegraph sandbox: cannot start: {exc}", file=sys.stderr)
        os._exit(126)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))

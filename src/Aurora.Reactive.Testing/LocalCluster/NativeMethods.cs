using System.Runtime.InteropServices;

namespace Aurora.Reactive.Testing.LocalCluster;

/// <summary>The few libc calls the kit needs on Linux: signals, ownership and the effective user.</summary>
internal static class NativeMethods
{
    internal const int SigHup = 1;
    internal const int SigKill = 9;
    internal const int SigCont = 18;
    internal const int SigStop = 19;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int owner, int group);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int shmctl(int shmid, int command, IntPtr buffer);

    /// <summary>Whether the process runs as root.</summary>
    internal static bool IsRoot => geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process does not exist.</summary>
    internal static bool Signal(int pid, int signal) => pid > 0 && kill(pid, signal) == 0;

    /// <summary>Whether a process with this id exists (signal 0 probes without sending).</summary>
    internal static bool Exists(int pid) => pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM */);

    /// <summary>Removes a System V shared memory segment (IPC_RMID); false when it is already gone.</summary>
    internal static bool RemoveSharedMemory(int shmid) => shmctl(shmid, 0 /* IPC_RMID */, IntPtr.Zero) == 0;

    /// <summary>Changes the owner of one file or folder.</summary>
    /// <exception cref="IOException">The call failed.</exception>
    internal static void ChangeOwner(string path, int uid, int gid)
    {
        if (chown(path, uid, gid) != 0)
        {
            throw new IOException($"chown of '{path}' to {uid}:{gid} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }
}

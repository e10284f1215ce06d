/* Fixture for unsafe-command-exec: a warning when the command (or program) is computed at run
 * time, a note when it is constant text; system(NULL) only asks whether a shell exists. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define REBOOT_CMD "/sbin/reboot"

int system(const char *command);

struct platform {
    int (*system)(const char *);
};

void run(const char *host, char *const argv[], char *const envp[], struct platform *plat)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "ping -c 1 %s", host);
    // mamori-expect: unsafe-command-exec@warning
    system(cmd);
    // mamori-expect: unsafe-command-exec@warning
    FILE *p = popen(cmd, "r");
    // mamori-expect: unsafe-command-exec@note
    system("reboot");
    // mamori-expect: unsafe-command-exec@note
    system(REBOOT_CMD);
    // mamori-expect: unsafe-command-exec@note
    popen("uptime", "r");
    // mamori-ok: unsafe-command-exec
    if (system(NULL) == 0) {
        return;
    }
    /* exec: a program computed at run time */
    // mamori-expect: unsafe-command-exec@warning
    execvp(argv[0], argv);
    // mamori-expect: unsafe-command-exec@warning
    execv(host, argv);
    // mamori-expect: unsafe-command-exec@warning
    execve(argv[0], argv, envp);
    // mamori-expect: unsafe-command-exec@warning
    execvpe(host, argv, envp);
    /* a fixed program with arguments: no shell, a note */
    // mamori-expect: unsafe-command-exec@note
    execl("/bin/ping", "ping", "-c", "1", host, (char *)NULL);
    // mamori-expect: unsafe-command-exec@note
    execlp("ping", "ping", host, (char *)NULL);
    /* a fixed shell running a command line computed at run time: as bad as system() */
    // mamori-expect: unsafe-command-exec@warning
    execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
    // mamori-expect: unsafe-command-exec@warning
    execle("/bin/sh", "sh", "-c", cmd, (char *)NULL, envp);
    /* ... or a constant command line: a note */
    // mamori-expect: unsafe-command-exec@note
    execl("/bin/sh", "sh", "-c", "reboot", (char *)NULL);
    // mamori-expect: unsafe-command-exec@warning
    (void)system(
        cmd);
    /* traps */
    // mamori-ok: unsafe-command-exec
    plat->system(cmd);
    /* system(cmd) in a comment is not a call */
    // mamori-ok: unsafe-command-exec
    const char *doc = "system(cmd) runs a shell";
    (void)doc;
    (void)p;
}

/* a variable named system is not the function */
int count(void)
{
    // mamori-ok: unsafe-command-exec
    int system = 1;
    // mamori-ok: unsafe-command-exec
    return system + 1;
}

/* a macro's body is its definition: its uses are the calls */
// mamori-ok: unsafe-command-exec
#define RUN(c) system(c)
/* a macro that renames it, with a different body in each #if branch */
#ifdef _WIN32
#define POPEN _popen
#define SYSTEM system
#else
#define POPEN popen
#define SYSTEM system
#endif

void through_macros(const char *cmd)
{
    // mamori-expect: unsafe-command-exec@warning
    RUN(cmd);
    // mamori-expect: unsafe-command-exec@note
    RUN("reboot");
    // mamori-expect: unsafe-command-exec@warning
    if (SYSTEM(cmd) != 0)
        return;
    // mamori-expect: unsafe-command-exec@warning
    (void)POPEN(cmd, "r");
}

void fixed_buffer(void)
{
    /* a buffer the function fills only with literals is a constant command */
    char line[64] = REBOOT_CMD;
    strcat(line, " -f");
    // mamori-expect: unsafe-command-exec@note
    system(line);
}

void read_buffer(FILE *in)
{
    char line[64] = "";
    if (fgets(line, sizeof line, in) == NULL)
        return;
    // mamori-expect: unsafe-command-exec@warning
    system(line);
}

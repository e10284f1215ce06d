/* The project routes syslog to its own logger in every file that includes this header. */
#ifndef LOG_H
#define LOG_H
int my_syslog(int prio, const char *fmt, ...);
#define syslog my_syslog
#endif

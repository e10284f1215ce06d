/* globals declared once for every file through a macro (WLED's WLED_GLOBAL and _INIT): the
 * header defines them where WLED_DEFINE_GLOBAL_VARS is set and declares them extern elsewhere */
#ifndef GLOBALS_H
#define GLOBALS_H
#ifndef DEFINE_GLOBAL_VARS
# define APP_GLOBAL extern
# define _INIT(x)
#else
# define APP_GLOBAL
# define _INIT(x) = x
#endif
APP_GLOBAL char apSSID[33] _INIT("");
APP_GLOBAL char deviceTopic[33] _INIT("");
APP_GLOBAL char longTopic[129] _INIT("");
#endif

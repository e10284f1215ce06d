#define BOARD_HAS_SHELL 1
#define BOARD_EXEC(c) system(c)

#define BOARD_NAME "devkit"

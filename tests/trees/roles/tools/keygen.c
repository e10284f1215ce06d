#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    char name[16];
    strcpy(name, argv[1]);
    puts(name);
    return 0;
}

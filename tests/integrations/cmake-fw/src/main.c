#include <stdio.h>

void net_rename(char *dst, const char *name);

int main(int argc, char **argv)
{
    char name[16];
    net_rename(name, argc > 1 ? argv[1] : "fw");
    printf("%s\n", name);
    return 0;
}

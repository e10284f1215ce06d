// Fixture for unsafe-memset-secret in C++.
#include <cstdint>
#include <cstring>

void use_key(const std::uint8_t *k);

namespace hal {
void *memset(void *p, int c, std::size_t n);
}

void f()
{
    std::uint8_t key[16];
    use_key(key);
    // mamori-expect: unsafe-memset-secret
    std::memset(key, 0, sizeof key);
}

void g()
{
    std::uint8_t secret[16];
    use_key(secret);
    // mamori-ok: unsafe-memset-secret
    hal::memset(secret, 0, sizeof secret);
}

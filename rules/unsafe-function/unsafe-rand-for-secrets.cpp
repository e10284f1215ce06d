// Fixture for unsafe-rand-for-secrets in C++.
#include <cstdint>
#include <cstdlib>

namespace sim {
int rand();
}

struct Dice {
    int rand();
};

void f(std::uint8_t *key, Dice &d)
{
    // mamori-expect: unsafe-rand-for-secrets
    key[0] = static_cast<std::uint8_t>(std::rand());
    // mamori-expect: unsafe-rand-for-secrets
    std::uint32_t nonce = ::rand();
    // mamori-ok: unsafe-rand-for-secrets
    std::uint32_t token = sim::rand();
    // mamori-ok: unsafe-rand-for-secrets
    key[1] = static_cast<std::uint8_t>(d.rand());
    (void)nonce, (void)token;
}

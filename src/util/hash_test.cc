#include "util/hash.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace pactgraph {
namespace {

std::string Hex(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Document ids must not change between versions.
TEST(ContentId, KnownValues) {
  EXPECT_EQ(ContentId(""), "14650fb0739d0383");
  EXPECT_EQ(ContentId("a"), "44bd8ad473cd9906");
  EXPECT_EQ(ContentId("foobar"), "88fad7c0a8ff07f2");
}

// ContentId hashes eight bytes per loop turn; it must agree with Fnv1a64 for
// every length around the multiples of eight and for every byte value.
TEST(ContentId, IsFnv1a64InHex) {
  std::string s;
  for (int n = 0; n < 300; ++n) {
    EXPECT_EQ(ContentId(s), Hex(Fnv1a64(s))) << n;
    s += static_cast<char>((n * 37 + 11) & 0xFF);
  }
}

}  // namespace
}  // namespace pactgraph

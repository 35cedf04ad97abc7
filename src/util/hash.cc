#include "util/hash.h"

#include <cstdio>

namespace pactgraph {
namespace {

// Fnv1a64 for whole documents: the same byte-by-byte recurrence, written out
// eight bytes per loop turn so that each byte costs a load, an xor and a
// multiply (the loop's own counting and branching is shared by eight bytes).
uint64_t Fnv1a64Long(std::string_view bytes) {
  constexpr uint64_t kPrime = 1099511628211ull;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  uint64_t h = 1469598103934665603ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ p[i]) * kPrime;
    h = (h ^ p[i + 1]) * kPrime;
    h = (h ^ p[i + 2]) * kPrime;
    h = (h ^ p[i + 3]) * kPrime;
    h = (h ^ p[i + 4]) * kPrime;
    h = (h ^ p[i + 5]) * kPrime;
    h = (h ^ p[i + 6]) * kPrime;
    h = (h ^ p[i + 7]) * kPrime;
  }
  for (; i < n; ++i) h = (h ^ p[i]) * kPrime;
  return h;
}

}  // namespace

std::string ContentId(std::string_view bytes) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Fnv1a64Long(bytes)));
  return buf;
}

}  // namespace pactgraph

#ifndef PACTGRAPH_UTIL_HASH_H_
#define PACTGRAPH_UTIL_HASH_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace pactgraph {

// 64-bit FNV-1a; stable across platforms and versions. Inline: the taggers
// hash every word several times.
inline uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A document id derived from its bytes: 16 hex digits.
std::string ContentId(std::string_view bytes);

}  // namespace pactgraph

#endif  // PACTGRAPH_UTIL_HASH_H_

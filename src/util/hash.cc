#include "util/hash.h"

#include <cstdio>

namespace pactgraph {

std::string ContentId(std::string_view bytes) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(Fnv1a64(bytes)));
  return buf;
}

}  // namespace pactgraph

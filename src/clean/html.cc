#include "clean/clean.h"

namespace pactgraph {

// Placeholder until HTML article extraction lands.
CleanDoc CleanHtml(const OffsetText& page) {
  CleanDoc d;
  d.text = page;
  return d;
}

}  // namespace pactgraph

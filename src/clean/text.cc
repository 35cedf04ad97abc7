#include "clean/clean.h"

namespace pactgraph {

// Placeholder until plain-text cleaning lands.
CleanDoc CleanPlainText(const OffsetText& text) {
  CleanDoc d;
  d.text = text;
  return d;
}

}  // namespace pactgraph

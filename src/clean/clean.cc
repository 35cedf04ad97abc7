#include "clean/clean.h"

namespace pactgraph {

// Placeholders until the cleaning stage lands.
CleanDoc CleanHtml(const OffsetText& page) {
  CleanDoc d;
  d.text = page;
  return d;
}

CleanDoc CleanPlainText(const OffsetText& text) {
  CleanDoc d;
  d.text = text;
  return d;
}

}  // namespace pactgraph

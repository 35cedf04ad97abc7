// Text derived from an input, remembering for every byte where it came from,
// so that any span of the derived text maps back to the input's bytes.
#ifndef PACTGRAPH_UTIL_OFFSET_TEXT_H_
#define PACTGRAPH_UTIL_OFFSET_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pactgraph/facts.h"

namespace pactgraph {

class OffsetText {
 public:
  // Appends `s`, whose bytes came from origin, origin+1, ...
  void AppendCopied(std::string_view s, uint32_t origin);
  // Appends `s`, synthesised (an entity, a newline) at input position `origin`.
  void AppendSynthetic(std::string_view s, uint32_t origin);
  // Marks where the input ends (the origin of text().size()).
  void SetEnd(uint32_t origin) { end_origin_ = origin; }

  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  // Input byte that text()[i] came from; i == size() gives the input's end.
  uint32_t Origin(size_t i) const { return i < origin_.size() ? origin_[i] : end_origin_; }
  // Input byte range covering text()[start, end).
  Span ToInput(size_t start, size_t end) const;
  // Re-maps this text, whose origins point into `base`, onto base's input.
  OffsetText ComposedWith(const OffsetText& base) const;

  void Reserve(size_t n) { text_.reserve(n); origin_.reserve(n); }

 private:
  std::string text_;
  std::vector<uint32_t> origin_;
  uint32_t end_origin_ = 0;
};

// The identity mapping over `s`.
OffsetText IdentityText(std::string_view s);

}  // namespace pactgraph

#endif  // PACTGRAPH_UTIL_OFFSET_TEXT_H_

#include "util/offset_text.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

namespace pactgraph {
namespace {

// origin, origin+1, ... as a random-access range.
struct Counter {
  using iterator_category = std::random_access_iterator_tag;
  using value_type = uint32_t;
  using difference_type = std::ptrdiff_t;
  using pointer = const uint32_t*;
  using reference = uint32_t;
  uint32_t v;
  uint32_t operator*() const { return v; }
  Counter& operator++() {
    ++v;
    return *this;
  }
  Counter operator++(int) { return Counter{v++}; }
  Counter& operator--() {
    --v;
    return *this;
  }
  Counter operator--(int) { return Counter{v--}; }
  Counter operator+(difference_type d) const { return Counter{v + static_cast<uint32_t>(d)}; }
  Counter operator-(difference_type d) const { return Counter{v - static_cast<uint32_t>(d)}; }
  Counter& operator-=(difference_type d) {
    v -= static_cast<uint32_t>(d);
    return *this;
  }
  uint32_t operator[](difference_type d) const { return v + static_cast<uint32_t>(d); }
  bool operator<(const Counter& o) const { return v < o.v; }
  Counter& operator+=(difference_type d) {
    v += static_cast<uint32_t>(d);
    return *this;
  }
  difference_type operator-(const Counter& o) const {
    return static_cast<difference_type>(v) - static_cast<difference_type>(o.v);
  }
  bool operator==(const Counter& o) const { return v == o.v; }
  bool operator!=(const Counter& o) const { return v != o.v; }
};

}  // namespace

void OffsetText::AppendCopied(std::string_view s, uint32_t origin) {
  text_.append(s);
  // One allocation and one pass (push_back per byte is several times slower
  // on megabyte pages; resize would write every origin twice).
  origin_.insert(origin_.end(), Counter{origin}, Counter{origin + static_cast<uint32_t>(s.size())});
  end_origin_ = std::max(end_origin_, origin + static_cast<uint32_t>(s.size()));
}

void OffsetText::AppendSynthetic(std::string_view s, uint32_t origin) {
  text_.append(s);
  origin_.insert(origin_.end(), s.size(), origin);
  end_origin_ = std::max(end_origin_, origin);
}

Span OffsetText::ToInput(size_t start, size_t end) const {
  if (start >= end) return Span{Origin(start), Origin(start)};
  // The end maps to one past the origin of the last byte, so a span over
  // copied text covers exactly its input bytes.
  return Span{Origin(start), Origin(end - 1) + 1};
}

OffsetText OffsetText::ComposedWith(const OffsetText& base) const {
  OffsetText out;
  out.text_ = text_;
  out.origin_.reserve(origin_.size());
  for (uint32_t o : origin_) out.origin_.push_back(base.Origin(o));
  out.end_origin_ = base.Origin(end_origin_);
  return out;
}

OffsetText IdentityText(std::string_view s) {
  OffsetText t;
  t.AppendCopied(s, 0);
  t.SetEnd(static_cast<uint32_t>(s.size()));
  return t;
}

}  // namespace pactgraph

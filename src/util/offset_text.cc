#include "util/offset_text.h"

#include <algorithm>
#include <numeric>

namespace pactgraph {

void OffsetText::AppendCopied(std::string_view s, uint32_t origin) {
  text_.append(s);
  size_t old = origin_.size();
  origin_.resize(old + s.size());
  std::iota(origin_.begin() + static_cast<std::ptrdiff_t>(old), origin_.end(),
            origin);  // one vectorised fill
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

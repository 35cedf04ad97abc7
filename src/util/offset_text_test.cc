#include "util/offset_text.h"

#include <gtest/gtest.h>

namespace pactgraph {

TEST(OffsetText, IdentityMapsEachByte) {
  OffsetText t = IdentityText("hello world");
  Span s = t.ToInput(6, 11);
  EXPECT_EQ(s.start, 6u);
  EXPECT_EQ(s.end, 11u);
}

TEST(OffsetText, ComposedWithFollowsBothMaps) {
  // base: "abc" taken from input bytes 10..12
  OffsetText base;
  base.AppendCopied("abc", 10);
  // derived: "c" from base byte 2, then a synthetic newline at base byte 3
  OffsetText derived;
  derived.AppendCopied("c", 2);
  derived.AppendSynthetic("\n", 3);
  OffsetText composed = derived.ComposedWith(base);
  EXPECT_EQ(composed.text(), "c\n");
  EXPECT_EQ(composed.ToInput(0, 1).start, 12u);
  EXPECT_EQ(composed.ToInput(0, 1).end, 13u);
}

}  // namespace pactgraph

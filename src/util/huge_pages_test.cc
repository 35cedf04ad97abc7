#include "util/huge_pages.h"

#include <cstdint>
#include <cstring>

#include <gtest/gtest.h>

namespace pactgraph {
namespace {

TEST(AllocateZeroedHugeTest, BlocksAreZeroAlignedAndWritable) {
  // Sizes below, at and above one huge page, and not a multiple of it.
  for (size_t bytes : {size_t{1000}, kHugePageBytes, kHugePageBytes * 3 / 2 + 7}) {
    auto* p = static_cast<unsigned char*>(AllocateZeroedHuge(bytes));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % kHugePageBytes, 0u) << bytes;
    size_t nonzero = 0;
    for (size_t i = 0; i < bytes; ++i) nonzero += p[i] != 0;
    EXPECT_EQ(nonzero, 0u) << bytes;
    std::memset(p, 0xAB, bytes);  // every byte is ours to write
    EXPECT_EQ(p[bytes - 1], 0xAB);
    FreeZeroedHuge(p, bytes);
  }
}

TEST(AllocateZeroedHugeTest, AFreedBlockComesBackZeroed) {
  const size_t bytes = kHugePageBytes;
  auto* p = static_cast<unsigned char*>(AllocateZeroedHuge(bytes));
  std::memset(p, 0xFF, bytes);
  FreeZeroedHuge(p, bytes);
  auto* q = static_cast<unsigned char*>(AllocateZeroedHuge(bytes));
  size_t nonzero = 0;
  for (size_t i = 0; i < bytes; ++i) nonzero += q[i] != 0;
  EXPECT_EQ(nonzero, 0u);
  FreeZeroedHuge(q, bytes);
}

}  // namespace
}  // namespace pactgraph

namespace pactgraph {
namespace {

TEST(ZeroedHugeArrayTest, StartsEmptyAndHoldsWhatIsWritten) {
  struct Slot {
    uint64_t key;
    char bytes[40];
  };
  ZeroedHugeArray<Slot> a(50000);  // 2.4 MB: two huge pages
  ASSERT_EQ(a.size(), 50000u);
  size_t nonzero = 0;
  for (size_t i = 0; i < a.size(); ++i) nonzero += a[i].key != 0 || a[i].bytes[39] != 0;
  EXPECT_EQ(nonzero, 0u);
  for (size_t i = 0; i < a.size(); ++i) a[i].key = i * 7 + 1;
  const ZeroedHugeArray<Slot>& c = a;
  EXPECT_EQ(c[0].key, 1u);
  EXPECT_EQ(c[49999].key, 49999u * 7 + 1);
}

}  // namespace
}  // namespace pactgraph

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

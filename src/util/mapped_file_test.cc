#include "util/mapped_file.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "util/huge_pages.h"

namespace pactgraph {
namespace {

std::string TempFile(const std::string& name, const std::string& bytes) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(MappedFile, ViewsTheWholeFile) {
  std::string bytes = "line one\nline two\n";
  bytes += std::string("\0\x01\xff", 3);  // binary tail
  const std::string path = TempFile("mapped.bin", bytes);
  for (bool populate : {true, false}) {
    StatusOr<MappedFile> f = MappedFile::Open(path, populate);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    EXPECT_EQ(f->bytes(), bytes);
  }
  std::remove(path.c_str());
}

TEST(MappedFile, DoneKeepsTheViewReadable) {
  // Done is advice: the bytes stay readable (the kernel reads them again).
  std::string bytes(3 * 4096 + 100, 'x');
  bytes[5000] = 'y';
  const std::string path = TempFile("done.bin", bytes);
  StatusOr<MappedFile> f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  f->Done(2 * 4096 + 7);
  f->Done(bytes.size() * 2);  // past the end: clamped
  EXPECT_EQ(f->bytes(), bytes);
  std::remove(path.c_str());
}

TEST(MappedFile, MovedMappingStaysValid) {
  const std::string path = TempFile("moved.bin", "abc");
  StatusOr<MappedFile> f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  MappedFile owner = std::move(f).value();
  MappedFile other;
  other = std::move(owner);
  EXPECT_EQ(other.bytes(), "abc");
  EXPECT_TRUE(owner.bytes().empty());  // NOLINT: moved-from state is defined as empty
  std::remove(path.c_str());
}

TEST(MappedFile, EmptyAndMissingFiles) {
  const std::string path = TempFile("empty.bin", "");
  StatusOr<MappedFile> f = MappedFile::Open(path);
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->bytes().empty());
  std::remove(path.c_str());
  StatusOr<MappedFile> missing = MappedFile::Open(::testing::TempDir() + "/no-such-file.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("no-such-file.bin"), std::string::npos);
}

TEST(HugePageAllocator, LargeBlocksAreHugePageAlignedAndUsable) {
  std::vector<uint64_t, HugePageAllocator<uint64_t>> big(kHugePageBytes / sizeof(uint64_t) + 1, 7);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.data()) % kHugePageBytes, 0u);
  EXPECT_EQ(big.front(), 7u);
  EXPECT_EQ(big.back(), 7u);
  std::vector<uint64_t, HugePageAllocator<uint64_t>> small(10, 3);
  EXPECT_EQ(small[9], 3u);
  big.resize(3 * big.size());  // grows from one huge block into a larger one
  EXPECT_EQ(big[kHugePageBytes / sizeof(uint64_t)], 7u);
}

}  // namespace
}  // namespace pactgraph

#include "util/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>
#include <cstdlib>
#include <new>

namespace pactgraph {

namespace {
size_t RoundUp(size_t bytes) { return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes; }
}  // namespace

void* AllocateHuge(size_t bytes, size_t align) {
  if (bytes < kHugePageBytes) return ::operator new(bytes, std::align_val_t(align));
  const size_t size = RoundUp(bytes);
  void* p = std::aligned_alloc(kHugePageBytes, size);
  if (p == nullptr) throw std::bad_alloc();
  ::madvise(p, size, MADV_HUGEPAGE);  // advice only: failure changes nothing but speed
  return p;
}

void FreeHuge(void* p, size_t bytes, size_t align) noexcept {
  if (p == nullptr) return;
  if (bytes < kHugePageBytes) {
    ::operator delete(p, std::align_val_t(align));
    return;
  }
  std::free(p);
}

void* AllocateZeroedHuge(size_t bytes) {
  if (bytes == 0) return nullptr;
  const size_t size = RoundUp(bytes);
  // Map one huge page more than needed and cut the block out of it at a
  // 2 MiB boundary; the slack before and after goes back at once.
  const size_t mapped = size + kHugePageBytes;
  void* m = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t begin = reinterpret_cast<uintptr_t>(m);
  const uintptr_t aligned = (begin + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  if (aligned > begin) ::munmap(m, aligned - begin);
  if (const size_t tail = begin + mapped - (aligned + size)) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
  void* p = reinterpret_cast<void*>(aligned);
  ::madvise(p, size, MADV_HUGEPAGE);  // advice only, as above
  return p;
}

void FreeZeroedHuge(void* p, size_t bytes) noexcept {
  if (p != nullptr) ::munmap(p, RoundUp(bytes));
}

}  // namespace pactgraph

// An allocator for large, long-lived tables (a model's hash tables, tens of
// megabytes): blocks of 2 MiB or more are 2 MiB-aligned and marked for
// transparent huge pages (madvise MADV_HUGEPAGE), so filling them costs a
// few page faults instead of one per 4 KiB page, and lookups miss the TLB
// less. Smaller blocks come from operator new as usual. Where the kernel
// has huge pages off, the advice is ignored and nothing else changes.
#ifndef PACTGRAPH_UTIL_HUGE_PAGES_H_
#define PACTGRAPH_UTIL_HUGE_PAGES_H_

#include <cstddef>
#include <new>
#include <type_traits>

namespace pactgraph {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Raw blocks: AllocateHuge(n) must be freed with FreeHuge(p, n).
void* AllocateHuge(size_t bytes, size_t align);
void FreeHuge(void* p, size_t bytes, size_t align) noexcept;

// Zero-filled blocks for large scratch tables (per-thread caches): taken
// straight from the system, 2 MiB-aligned and marked for huge pages, so
// that the first use of each 2 MiB costs one page fault, not 512 (on a
// virtual machine a fault costs microseconds). Nothing is cleared up front:
// the pages arrive zeroed when first touched. Free with FreeZeroedHuge(p,
// bytes). Zero bytes give null.
void* AllocateZeroedHuge(size_t bytes);
void FreeZeroedHuge(void* p, size_t bytes) noexcept;

// A fixed-size array on zero-filled huge pages (AllocateZeroedHuge), for
// per-thread caches: all-zero bytes must be T's empty state, and T must
// need no destructor.
template <typename T>
class ZeroedHugeArray {
 public:
  static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_copyable_v<T>);
  explicit ZeroedHugeArray(size_t n) : size_(n), data_(static_cast<T*>(AllocateZeroedHuge(n * sizeof(T)))) {}
  ~ZeroedHugeArray() { FreeZeroedHuge(data_, size_ * sizeof(T)); }
  ZeroedHugeArray(const ZeroedHugeArray&) = delete;
  ZeroedHugeArray& operator=(const ZeroedHugeArray&) = delete;
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  size_t size_;
  T* data_;
};

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocators convert implicitly
  T* allocate(size_t n) { return static_cast<T*>(AllocateHuge(n * sizeof(T), alignof(T))); }
  void deallocate(T* p, size_t n) noexcept { FreeHuge(p, n * sizeof(T), alignof(T)); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const {
    return false;
  }
};

}  // namespace pactgraph

#endif  // PACTGRAPH_UTIL_HUGE_PAGES_H_

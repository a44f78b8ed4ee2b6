// Filling a vector again, element by element, reusing what an earlier fill
// left in it: a `simulate --batch` line builds the same kind of model as the
// line before (policies, statements, values), and allocating and freeing all
// of it for every line was a tenth of the line's cost (issue 12). The
// elements, with the storage their own strings and vectors hold, are
// assigned again instead.
//
//   std::size_t n = 0;
//   for (...) { T& e = refill_at(v, n++); /* set EVERY field of e */ }
//   refill_end(v, n);
//
// An element handed out may hold an earlier value in every field: the
// caller sets them all. Elements a shorter fill no longer needs go to a
// per-thread pool of spares (with their storage) that the next longer fill,
// of any vector of that type, takes from; the pool is bounded so one huge
// input does not keep its memory for the rest of a batch.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace rolelab {

template <class T>
std::vector<T>& refill_spares() {
  thread_local std::vector<T> spares;
  return spares;
}

// Spares kept per element type at most (beyond that they are freed).
inline constexpr std::size_t kRefillKeep = 1024;

// Element n of v (n <= v.size()), appended when v is that short: from the
// spares when there are some.
template <class T>
T& refill_at(std::vector<T>& v, std::size_t n) {
  if (n < v.size()) return v[n];
  std::vector<T>& spares = refill_spares<T>();
  if (spares.empty()) return v.emplace_back();
  v.push_back(std::move(spares.back()));
  spares.pop_back();
  return v.back();
}

// v cut to its first n elements; the others become spares.
template <class T>
void refill_end(std::vector<T>& v, std::size_t n) {
  if (v.size() <= n) return;
  std::vector<T>& spares = refill_spares<T>();
  for (std::size_t k = n; k < v.size() && spares.size() < kRefillKeep; ++k) spares.push_back(std::move(v[k]));
  v.resize(n);
}

// The same for an optional element: holding a value from the spares (or a
// new one), or giving its value back to them.
template <class T>
T& refill_emplace(std::optional<T>& slot) {
  if (slot) return *slot;
  std::vector<T>& spares = refill_spares<T>();
  if (spares.empty()) return slot.emplace();
  slot.emplace(std::move(spares.back()));
  spares.pop_back();
  return *slot;
}

template <class T>
void refill_reset(std::optional<T>& slot) {
  if (!slot) return;
  std::vector<T>& spares = refill_spares<T>();
  if (spares.size() < kRefillKeep) spares.push_back(std::move(*slot));
  slot.reset();
}

// The pool of T emptied (after an unusually large input).
template <class T>
void refill_release() {
  std::vector<T>().swap(refill_spares<T>());
}

}  // namespace rolelab

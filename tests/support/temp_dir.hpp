#pragma once
// A scratch directory for one test, removed when it goes out of scope (kept, for a look at the
// servers' logs, when RMQ_KEEP_TEST_DIRS is set).
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace rmq::test {

class TempDir {
  public:
    explicit TempDir(const std::string& prefix = "rmq-test") {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path()
                / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        if (std::getenv("RMQ_KEEP_TEST_DIRS")) return;
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

}  // namespace rmq::test

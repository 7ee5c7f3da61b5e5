#pragma once
// Helpers for the mqstore tests: scratch copies of the golden stores, byte surgery on them, and
// running commands in-process or through the binary.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "golden.hpp"

extern char** environ;

namespace rmq::test {

/// A scratch directory removed at the end of the test.
struct MqstoreScratch {
    std::filesystem::path path;
    MqstoreScratch() {
        static int counter = 0;
        path = std::filesystem::temp_directory_path()
               / ("rmq-mqstore-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~MqstoreScratch() { std::filesystem::remove_all(path); }
};

inline std::filesystem::path clean_store() {
    return golden_dir() / "store-clean" / "store";
}
inline std::filesystem::path crashed_store() {
    return golden_dir() / "store-crashed" / "store";
}

/// Copies a golden store to `to` (made writable, the golden files may be read-only).
inline std::filesystem::path copy_store(const std::filesystem::path& from,
                                        const std::filesystem::path& to) {
    namespace fs = std::filesystem;
    fs::copy(from, to, fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(to))
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
    return to;
}

/// Overwrites bytes of a file in place.
inline void patch_file(const std::filesystem::path& path, std::streamoff at,
                       std::string_view bytes) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(at);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline char read_byte(const std::filesystem::path& path, std::streamoff at) {
    std::ifstream f(path, std::ios::binary);
    f.seekg(at);
    char c = 0;
    f.read(&c, 1);
    return c;
}

struct CommandOutput {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs an mqstore command in-process.
inline CommandOutput run_in_process(std::vector<std::string> args) {
    std::vector<std::string_view> views(args.begin(), args.end());
    std::ostringstream out;
    std::ostringstream err;
    CommandOutput r;
    r.exit_code = mqstore::run_mqstore(views, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// Runs the built mqstore binary with stdout and stderr captured in files under `scratch`.
inline CommandOutput run_binary(const std::filesystem::path& scratch,
                                std::vector<std::string> args) {
    const auto out_path = scratch / "stdout.txt";
    const auto err_path = scratch / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<std::string> argv_storage{MQSTORE_BINARY};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_storage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    CommandOutput r;
    pid_t pid = 0;
    if (posix_spawn(&pid, MQSTORE_BINARY, &actions, nullptr, argv.data(), environ) == 0) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&actions);
    r.out = read_file(out_path);
    r.err = read_file(err_path);
    return r;
}

}  // namespace rmq::test

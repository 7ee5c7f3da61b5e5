// A child process writes under load and is killed with SIGKILL at a random moment; the store is
// then reopened and checked against what the child had acknowledged.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <set>
#include <thread>

#include "catch.hpp"
#include "message/record.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;

namespace {

struct Ack {
    int32_t queue_id;
    int64_t queue_offset;
    int64_t commit_log_offset;
    int32_t size;
    std::string body;
};

/// Child: 4 producers put until killed and report every acknowledgement on `fd`.
[[noreturn]] void write_until_killed(const StoreConfig& config, int fd) {
    auto store = MessageStore::open(config);
    if (!store || !(*store)->start()) _exit(2);
    std::mutex out;
    std::vector<std::thread> producers;
    for (int t = 0; t < 4; ++t) {
        producers.emplace_back([&, t] {
            for (int i = 0;; ++i) {
                std::string body = "t" + std::to_string(t) + "-" + std::to_string(i) + "-"
                                   + std::string(static_cast<size_t>(100 + (i * 37) % 900), 'p');
                auto r = (*store)->put_sync(test::make_message("C", t, body));
                if (!r.ok()) continue;
                char line[256];
                const int n = std::snprintf(
                    line, sizeof line, "%d %lld %lld %d %s\n", t,
                    static_cast<long long>(r.queue_offset), static_cast<long long>(r.wrote_offset),
                    r.wrote_bytes, body.substr(0, body.find('-', body.find('-') + 1)).c_str());
                std::lock_guard lock(out);
                if (::write(fd, line, static_cast<size_t>(n)) != n) _exit(3);
            }
        });
    }
    for (auto& p : producers)
        p.join();
    _exit(0);
}

std::vector<Ack> run_and_kill(const StoreConfig& config, std::chrono::milliseconds after) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(pipe_fds[0]);
        write_until_killed(config, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    std::this_thread::sleep_for(after);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    std::string all;
    char buf[65536];
    for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;)
        all.append(buf, static_cast<size_t>(n));
    ::close(pipe_fds[0]);
    std::vector<Ack> acks;
    size_t pos = 0;
    while (pos < all.size()) {
        const size_t end = all.find('\n', pos);
        if (end == std::string::npos) break;  // a line cut by the kill was never acknowledged
        Ack a;
        char body[64];
        long long qo, clo;
        if (std::sscanf(all.c_str() + pos, "%d %lld %lld %d %63s", &a.queue_id, &qo, &clo, &a.size,
                        body)
            == 5) {
            a.queue_offset = qo;
            a.commit_log_offset = clo;
            a.body = body;
            acks.push_back(a);
        }
        pos = end + 1;
    }
    return acks;
}

/// Every queue unit points at an intact record of that queue and offset; returns the count.
int64_t check_consistent(const MessageStore& store) {
    int64_t total = 0;
    for (int q = 0; q < 4; ++q) {
        const int64_t max = store.max_offset_in_queue("C", q);
        int64_t offset = store.min_offset_in_queue("C", q);
        while (offset < max) {
            auto got = store.get_message("G", "C", q, offset, 32);
            REQUIRE(got.status == GetMessageStatus::found);
            for (size_t i = 0; i < got.messages.size(); ++i) {
                auto r = message::decode_record(got.messages[i].bytes, {.verify_body_crc = true});
                REQUIRE(r.is_message());
                REQUIRE(r.record().queue_id == q);
                REQUIRE(r.record().queue_offset == got.queue_offsets[i]);
                REQUIRE(r.record().commit_log_offset + r.record().store_size
                        <= store.max_phy_offset());
            }
            total += static_cast<int64_t>(got.messages.size());
            offset = got.next_begin_offset;
        }
    }
    return total;
}

void check_acked_present(const MessageStore& store, const std::vector<Ack>& acks) {
    for (const auto& a : acks) {
        auto got = store.get_message("G", "C", a.queue_id, a.queue_offset, 1);
        INFO("acknowledged " << a.body << " at " << a.queue_id << "@" << a.queue_offset);
        REQUIRE(got.status == GetMessageStatus::found);
        auto r = message::decode_record(got.messages[0].bytes, {.verify_body_crc = true});
        REQUIRE(r.is_message());
        CHECK(r.record().commit_log_offset == a.commit_log_offset);
        CHECK(r.record().body.rfind(a.body, 0) == 0);
    }
}

}  // namespace

TEST_CASE("crash: SIGKILL under SYNC_FLUSH load loses no acknowledged message") {
    std::mt19937 rng(std::random_device{}());
    for (int round = 0; round < 3; ++round) {
        test::TempDir dir;
        auto config = test::small_store_config(dir.path());
        config.flush_disk_type = FlushDiskType::sync_flush;
        const auto after = std::chrono::milliseconds(150 + rng() % 400);
        const auto acks = run_and_kill(config, after);
        INFO("killed after " << after.count() << " ms with " << acks.size() << " acknowledged");
        REQUIRE(acks.size() > 0);
        auto store = test::open_started(config);
        CHECK_FALSE(store->recovery().last_exit_ok);
        check_acked_present(*store, acks);
        CHECK(check_consistent(*store) >= static_cast<int64_t>(acks.size()));
    }
}

TEST_CASE("crash: SIGKILL under ASYNC_FLUSH load leaves a consistent store") {
    std::mt19937 rng(std::random_device{}());
    for (int round = 0; round < 3; ++round) {
        test::TempDir dir;
        auto config = test::small_store_config(dir.path());
        const auto after = std::chrono::milliseconds(100 + rng() % 400);
        const auto acks = run_and_kill(config, after);
        INFO("killed after " << after.count() << " ms with " << acks.size() << " acknowledged");
        auto store = test::open_started(config);
        CHECK_FALSE(store->recovery().last_exit_ok);
        const int64_t present = check_consistent(*store);
        // The page cache outlives the process, so what was appended is there; only records
        // past the recovered end may be missing.
        std::vector<Ack> within;
        for (const auto& a : acks)
            if (a.commit_log_offset + a.size <= store->max_phy_offset()) within.push_back(a);
        check_acked_present(*store, within);
        CHECK(present >= static_cast<int64_t>(within.size()));
        // The recovered store takes writes where the log ends.
        const int64_t next = store->max_offset_in_queue("C", 0);
        auto r = store->put_sync(test::make_message("C", 0, "after the crash"));
        REQUIRE(r.ok());
        CHECK(r.queue_offset == next);
        CHECK(r.wrote_offset == store->recovery().commit_log_end);
    }
}

//! A per-user limit on questions: at most `limit` in any `window`. Time is passed in,
//! so the logic is pure and testable; memory is bounded however many users ask.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// How many questions a user may ask in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub limit: usize,
    pub window: Duration,
}

impl Default for Rate {
    /// 5 questions per 10 seconds: a person reading answers never hits it.
    fn default() -> Self {
        Rate {
            limit: 5,
            window: Duration::from_secs(10),
        }
    }
}

/// Recent questions per user.
#[derive(Debug)]
pub struct Cooldown {
    rate: Rate,
    /// Most users tracked at once; past it, the least recently active are forgotten.
    capacity: usize,
    users: HashMap<u64, VecDeque<Instant>>,
}

impl Cooldown {
    /// A cooldown at `rate`, tracking at most `capacity` users.
    pub fn new(rate: Rate, capacity: usize) -> Self {
        Cooldown {
            rate,
            capacity: capacity.max(1),
            users: HashMap::new(),
        }
    }

    /// Whether `user` may ask now at the cooldown's rate; if so, the question counts.
    pub fn allow(&mut self, user: u64, now: Instant) -> bool {
        self.allow_at(user, now, self.rate)
    }

    /// Whether `user` may ask now at `rate` (a server's own); if so, the question
    /// counts.
    pub fn allow_at(&mut self, user: u64, now: Instant, rate: Rate) -> bool {
        if !self.users.contains_key(&user) && self.users.len() >= self.capacity {
            self.make_room(now);
        }
        let window = rate.window;
        let recent = self.users.entry(user).or_default();
        while recent
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            recent.pop_front();
        }
        if recent.len() >= rate.limit {
            return false;
        }
        recent.push_back(now);
        true
    }

    /// The number of users tracked.
    pub fn tracked(&self) -> usize {
        self.users.len()
    }

    /// Forgets users with nothing in the window, or else the least recently active.
    fn make_room(&mut self, now: Instant) {
        let window = self.rate.window;
        self.users.retain(|_, recent| {
            recent
                .back()
                .is_some_and(|&t| now.saturating_duration_since(t) < window)
        });
        if self.users.len() >= self.capacity {
            let oldest = self
                .users
                .iter()
                .min_by_key(|(_, recent)| recent.back().copied())
                .map(|(&user, _)| user);
            if let Some(user) = oldest {
                self.users.remove(&user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: Instant, seconds: f64) -> Instant {
        start + Duration::from_secs_f64(seconds)
    }

    #[test]
    fn the_sixth_question_in_ten_seconds_waits() {
        let start = Instant::now();
        let mut cooldown = Cooldown::new(Rate::default(), 100);
        let allowed: Vec<bool> = (0..6)
            .map(|i| cooldown.allow(1, at(start, f64::from(i))))
            .collect();
        assert_eq!(allowed, [true, true, true, true, true, false]);
        assert!(
            cooldown.allow(2, at(start, 5.0)),
            "other users are not limited"
        );
        assert!(
            cooldown.allow(1, at(start, 10.0)),
            "the first question has left the window"
        );
        assert!(!cooldown.allow(1, at(start, 10.5)));
    }

    #[test]
    fn memory_stays_bounded_however_many_users_ask() {
        let start = Instant::now();
        let mut cooldown = Cooldown::new(Rate::default(), 50);
        for user in 0..10_000 {
            assert!(cooldown.allow(user, at(start, user as f64 * 0.001)));
            assert!(cooldown.tracked() <= 50);
        }
    }
}

//! A fake Code42 tenant (work in progress).

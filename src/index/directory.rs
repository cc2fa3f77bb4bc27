//! The index folder as Tantivy sees it, so that an index the user may read but not write
//! can still be searched.
//!
//! Tantivy's reader takes the meta lock (`.tantivy-meta.lock`, a file it creates and
//! locks in the index folder) while it opens the segments of the last commit. In a folder
//! the user cannot write (an index shared read-only, a read-only mount) creating that file
//! fails, and `search` and `stats` failed with "Failed to acquire Lockfile". The meta lock
//! only keeps a writer's garbage collection, which also takes it, from deleting the files
//! of a commit that a reader is opening; it guards no data: `meta.json` is replaced
//! atomically and segment files never change once written, so a reader without the lock
//! sees a whole commit or, if a writer's commit deletes a file between the reader's reading
//! of `meta.json` and its opening of that file, a missing file, which [`super::reader_of`]
//! answers by opening the new commit. Once open, a segment's files stay readable (they are
//! mapped) whatever a writer deletes.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, INDEX_WRITER_LOCK, Lock, META_LOCK, WatchCallback, WatchHandle,
    WritePtr,
};

/// A [`Directory`] (Tantivy's `MmapDirectory` in use) whose meta lock is a no-op when the
/// lock file cannot be created for lack of permission or on a read-only file system, as
/// long as no writer lock was taken through it. Every other lock, and the meta lock of
/// a writer (whose garbage collection must exclude readers), is the real one.
#[derive(Debug, Clone)]
pub struct ReadOnlyTolerantDirectory {
    inner: Box<dyn Directory>,
    /// Set once the writer lock was taken through this directory (or a clone of it).
    writing: Arc<AtomicBool>,
}

impl ReadOnlyTolerantDirectory {
    pub fn new(inner: impl Into<Box<dyn Directory>>) -> Self {
        ReadOnlyTolerantDirectory { inner: inner.into(), writing: Arc::default() }
    }
}

/// A lock that holds nothing.
struct NoLock;

impl Directory for ReadOnlyTolerantDirectory {
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        let acquired = self.inner.acquire_lock(lock);
        if acquired.is_ok() && lock.filepath == INDEX_WRITER_LOCK.filepath {
            self.writing.store(true, Ordering::SeqCst);
        }
        match acquired {
            Err(LockError::IoError(err))
                if lock.filepath == META_LOCK.filepath
                    && !self.writing.load(Ordering::SeqCst)
                    && matches!(err.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) =>
            {
                Ok(DirectoryLock::from(Box::new(NoLock)))
            }
            other => other,
        }
    }

    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.inner.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use tantivy::directory::RamDirectory;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, doc};

    use super::*;

    /// An index folder whose lock files cannot be created, with `error`: a folder the user
    /// cannot write when `PermissionDenied` (tests run as root, whom `chmod` does not stop).
    #[derive(Debug, Clone)]
    struct LockRefusingFolder {
        inner: RamDirectory,
        error: io::ErrorKind,
        /// Refuse only the meta lock (a folder where the writer lock can be taken).
        meta_lock_only: bool,
        /// How many of the next file openings find the file gone, as when a writer's
        /// commit deletes it after the reader read `meta.json`.
        vanishing: Arc<AtomicUsize>,
    }

    impl LockRefusingFolder {
        fn read_only(inner: RamDirectory) -> Self {
            LockRefusingFolder {
                inner,
                error: io::ErrorKind::PermissionDenied,
                meta_lock_only: false,
                vanishing: Arc::default(),
            }
        }
    }

    impl Directory for LockRefusingFolder {
        fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
            if self.meta_lock_only && lock.filepath != META_LOCK.filepath {
                return self.inner.acquire_lock(lock);
            }
            Err(LockError::wrap_io_error(io::Error::from(self.error)))
        }

        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            if self.vanishing.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
                return Err(OpenReadError::FileDoesNotExist(path.to_path_buf()));
            }
            self.inner.get_file_handle(path)
        }

        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            self.inner.delete(path)
        }

        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.inner.exists(path)
        }

        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            self.inner.open_write(path)
        }

        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.inner.atomic_read(path)
        }

        fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
            self.inner.atomic_write(path, data)
        }

        fn sync_directory(&self) -> io::Result<()> {
            self.inner.sync_directory()
        }

        fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.inner.watch(watch_callback)
        }
    }

    /// A committed index of one document in a fresh `RamDirectory`.
    fn one_document_index() -> RamDirectory {
        let ram = RamDirectory::create();
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create(ram.clone(), schema.build(), Default::default()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 16 << 20).unwrap();
        writer.add_document(doc!(id => "a")).unwrap();
        writer.commit().unwrap();
        ram
    }

    #[test]
    fn a_folder_without_write_permission_is_read_without_the_meta_lock() {
        let ram = one_document_index();
        let read_only = LockRefusingFolder::read_only(ram);
        // What `search` met before: Tantivy's reader needs the meta lock.
        assert!(super::super::reader_of(&Index::open(read_only.clone()).unwrap()).is_err());

        let index = Index::open(ReadOnlyTolerantDirectory::new(read_only)).unwrap();
        let reader = super::super::reader_of(&index).unwrap();
        assert_eq!(reader.searcher().num_docs(), 1);
        // A writer still needs its real lock, and is told why it cannot have it (it was
        // told that another process was writing).
        let Err(tantivy::TantivyError::LockFailure(refused, _)) =
            index.writer_with_num_threads::<TantivyDocument>(1, 16 << 20)
        else {
            panic!("a writer in a read-only folder");
        };
        let message = super::super::writer_lock_error(refused, Path::new("idx")).to_string();
        assert!(message.starts_with("index at idx cannot be written: permission denied"), "{message}");
    }

    #[test]
    fn a_writer_keeps_the_real_meta_lock() {
        let ram = one_document_index();
        let folder = LockRefusingFolder { meta_lock_only: true, ..LockRefusingFolder::read_only(ram) };
        let directory = ReadOnlyTolerantDirectory::new(folder);
        assert!(directory.acquire_lock(&META_LOCK).is_ok(), "a reader's meta lock may be a no-op");
        let _writer_lock = directory.acquire_lock(&INDEX_WRITER_LOCK).unwrap();
        let clone = directory.clone();
        assert!(clone.acquire_lock(&META_LOCK).is_err(), "a writer's meta lock must be real");
    }

    #[test]
    fn other_lock_failures_are_not_hidden() {
        let ram = one_document_index();
        let failing = LockRefusingFolder { error: io::ErrorKind::Other, ..LockRefusingFolder::read_only(ram) };
        let index = Index::open(ReadOnlyTolerantDirectory::new(failing)).unwrap();
        assert!(super::super::reader_of(&index).is_err());
    }

    #[test]
    fn a_file_deleted_by_a_writer_while_the_reader_opens_is_looked_for_again() {
        let folder = LockRefusingFolder::read_only(one_document_index());
        let index = Index::open(ReadOnlyTolerantDirectory::new(folder.clone())).unwrap();
        folder.vanishing.store(1, Ordering::SeqCst);
        assert_eq!(super::super::reader_of(&index).unwrap().searcher().num_docs(), 1);
        // A file that stays missing is an error.
        folder.vanishing.store(3, Ordering::SeqCst);
        assert!(matches!(
            super::super::reader_of(&index),
            Err(crate::Error::Tantivy(tantivy::TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_))))
        ));
    }
}

"""The messages of the disk layer (jixiao/disk): the operating system's refusals and what to do
about them, the files of a case folder skipped or refused, and the refusals to write into a
folder that is not jixiao's, Chinese and English: key -> (中文, English). Gathered into
jixiao.model.catalogue.CATALOGUE."""

from __future__ import annotations

DISK_CATALOGUE = {
    # The operating system's refusals (jixiao/disk/refusals.py): what failed, why, what to do
    "os.read": ("无法读取", "cannot read"),
    "os.write": ("无法写入", "cannot write"),
    "os.refused": ("{action}：{reason}", "{action}: {reason}"),
    "os.refused_advice": ("{action}：{reason}；{advice}", "{action}: {reason}; {advice}"),
    "os.EACCES": ("没有权限", "permission denied"),
    "os.EPERM": ("不允许此操作", "operation not permitted"),
    "os.EROFS": ("只读文件系统", "read-only file system"),
    "os.ENOSPC": ("磁盘已满", "no space left on the disk"),
    "os.EDQUOT": ("超出磁盘配额", "disk quota exceeded"),
    "os.EFBIG": ("文件过大（超出文件大小限制）", "file too large (a limit on file size)"),
    "os.ENOTDIR": ("不是文件夹：需要文件夹的位置上是一个文件", "a file stands where a folder is needed"),
    "os.EISDIR": ("是文件夹而不是文件", "a folder, not a file"),
    "os.ENOENT": ("找不到", "not found"),
    "os.ENAMETOOLONG": ("名称过长", "name too long"),
    "os.ELOOP": ("符号链接过多", "too many symbolic links"),
    "os.EIO": ("读写错误（磁盘或网络共享故障）", "input/output error (a failing disk or network share)"),
    "os.EMFILE": ("打开的文件过多", "too many open files"),
    "os.permissions": ("{fix}（请检查其权限或询问其所有者）", "{fix} (check its permissions or ask its owner)"),
    "os.allow_read": ("允许 jixiao 读取它", "allow jixiao to read it"),
    "os.allow_write": ("允许在该处写入", "allow writing there"),
    "os.other_option": ("另选一个 {option}", "choose another {option}"),
    "os.copy_readable": ("将其复制到 jixiao 能读取的磁盘上", "copy it to a disk jixiao can read"),
    "os.or_other": ("，或{other}", ", or {other}"),
    "os.free_space": ("请释放一些空间{or_other}", "free some space{or_other}"),
    "os.quota": ("请释放一些空间或申请更大的配额{or_other}", "free some space or ask for a larger quota{or_other}"),
    "os.file_size": ("请提高文件大小限制（ulimit -f）{or_other}", "raise the limit (ulimit -f){or_other}"),
    "os.move_file": ("请移走该文件{or_other}", "move that file away{or_other}"),
    "os.give_file": ("请给出一个文件", "give a file"),
    "os.check_path": ("请检查路径", "check the path"),
    "os.shorter_path": ("请使用更短的路径", "use a shorter path"),
    "os.check_links": ("请检查路径中的符号链接", "check the path's symbolic links"),
    "os.check_disk": ("请检查磁盘或网络共享", "check the disk or the share"),
    "os.open_files": ("请提高限制（ulimit -n）或减少 --jobs", "raise the limit (ulimit -n) or use fewer --jobs"),
    "os.too_large": ("文件大于 {size} MB", "file larger than {size} MB"),
    # A case folder's entries skipped or refused (jixiao/disk/folders.py)
    "skipped.lock": ("Office 锁定文件（文档在 Excel 或 WPS 中打开时生成）", "lock file of a document open in Excel or WPS"),
    "skipped.libreoffice_lock": ("LibreOffice 锁定文件", "lock file of a document open in LibreOffice"),
    "skipped.temporary": ("临时文件（Office 保存时生成）", "temporary file"),
    "skipped.thumbnails": ("Windows 缩略图缓存", "thumbnail cache"),
    "skipped.folder_settings": ("系统文件夹设置", "folder settings of Windows or macOS"),
    "skipped.appledouble": ("macOS 附加信息文件", "AppleDouble file"),
    "skipped.folder_icon": ("macOS 文件夹图标", "custom folder icon (Icon\\r)"),
    "skipped.zone_identifier": ("Windows 下载来源标记", "download marker of a file copied from Windows (Zone.Identifier)"),
    "skipped.hidden": ("隐藏文件", "hidden file"),
    "skipped.hidden_folder": ("隐藏文件夹", "hidden folder"),
    "skipped.folder": ("文件夹：只读取案例文件夹本身的事实文件", "a folder: fact files are read from the case folder itself"),
    "refused.link_out": ("指向 {target} 的链接，在{where}之外：拒绝读取", "a link to {target}, outside {where}: refused, not read"),
    "refused.link_out_allowed": ("{where}之内的文件：请将文件复制进来，而不是链接到它",
                                 "what lies within {where}: copy it in rather than link to it"),
    "refused.the_case_folder": ("案例文件夹", "the case folder"),
    "refused.broken_link": ("指向不存在之处的链接（断开的链接）：未读取", "a link to nothing (broken link): not read"),
    "refused.not_a_file": ("不是普通文件（{kind}）：未读取", "not a regular file ({kind}): not read"),
    "refused.pipe": ("管道", "a pipe"),
    "refused.device": ("设备或套接字", "a device or socket"),
    # Refusals to write (jixiao/disk/guards.py)
    "write.not_listed": ("不是 jixiao 写的文件（文件夹的 {mark} 未列出它），jixiao 不会覆盖它：请将它移出该文件夹，或另选一个 {option}",
                         "not a file jixiao wrote (the folder's {mark} does not list it), so jixiao will not "
                         "overwrite it: move it out of the folder, or choose another {option}"),
    "write.overlaps": ("输出位置与输入重叠：输出文件夹（{option}）{relation} {read}，而 jixiao 要读取它：写入该处会替换或混入输入；"
                       "请选择该位置之外的 {option}",
                       "the output folder ({option}) {relation} {read}, which jixiao reads: writing there would "
                       "replace or mix with the input; choose an {option} outside it"),
    "write.is": ("就是", "is"),
    "write.lies_inside": ("位于", "lies inside"),
    "write.contains": ("包含", "contains"),
    "write.file_for_folder": ("不是文件夹：jixiao 要写文件夹的位置上是一个文件；请将它移走，或另选一个 {option}",
                              "a file stands where jixiao writes a folder; move it away, or choose another {option}"),
    "write.fact_folder": ("这是事实文件夹（其中有 {case_file}）：jixiao 从不覆盖输入；请另选一个 {option}",
                          "a fact folder (it holds {case_file}): jixiao never writes over input; choose another {option}"),
    "write.not_jixiaos": ("不是 jixiao 写的文件夹（其中没有 jixiao 的 {mark}），jixiao 不会替换它；请另选一个 {option}，"
                          "或清空、删除该文件夹",
                          "not a folder jixiao wrote (no jixiao {mark} in it), so jixiao will not replace it; choose "
                          "another {option}, or empty or remove the folder"),
    "write.foreign": ("有不是 jixiao 写的文件（其 {mark} 未列出）：{files}；jixiao 整体替换该文件夹，会删除这些文件："
                      "请将它们移出，或另选一个 {option}",
                      "holds files jixiao did not write (its {mark} does not list them): {files}; jixiao replaces "
                      "this folder as a whole, which would delete them: move them out of it, or choose another {option}"),
    "write.read_only": ("无法写入：文件夹只读，而 jixiao 整体替换该文件夹；请允许在该处写入（检查其权限或询问其所有者），或另选一个 {option}",
                        "cannot write: the folder is read-only, and jixiao replaces it as a whole; allow writing there "
                        "(check its permissions or ask its owner), or choose another {option}"),
    "write.file_in_path": ("不是文件夹：这是一个文件；请将它移走，或另选一个 {option}",
                           "is a file, not a folder; move it away, or choose another {option}"),
    "write.exists": ("已存在；未覆盖", "exists already; not overwritten"),
}

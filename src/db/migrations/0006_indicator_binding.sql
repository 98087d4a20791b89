-- 目标指标: a value bound to another module's computation, notes in both languages, and 000 附件2's 领域.

-- The binding as the seed writes it ({ "module": "tasks", "measure": "accepted_share", "list": "004",
-- "item": ["十", "1"] }, or a monitoring measure still pending); null for an indicator entered by hand.
ALTER TABLE indicator ALTER COLUMN binding TYPE jsonb USING CASE WHEN binding IS NULL THEN NULL ELSE to_jsonb(binding) END;

-- The seed's notes are shown as 备注/解读说明: Chinese in `note`, the English reading beside it.
ALTER TABLE indicator ADD COLUMN note_en text;
ALTER TABLE indicator_baseline ADD COLUMN note_en text;
ALTER TABLE indicator_target ADD COLUMN note_en text;

-- 附件2 prints a 领域 column (生态制度, 生态安全, …) over its 任务 groups.
ALTER TABLE indicator_target ADD COLUMN domain text;

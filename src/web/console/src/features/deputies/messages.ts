import { defineMessages } from '../../app/define-messages.js';

export const deputyMessages = defineMessages(
  {
    'deputies.field.termsHelp': '可填多个届次，如 第十七届、第十八届（回车分隔）',
    'deputies.stationFilter': '所在联络站',
    'deputies.importWhat': '代表名册',
    'deputies.photo': '照片',
    'deputies.photoNone': '暂无照片',
    'deputies.photoUpload': '上传照片',
    'deputies.photoReplace': '更换照片',
    'deputies.photoRemove': '删除照片',
    'deputies.photoSaved': '照片已更新',
    'deputies.photoRemoved': '照片已删除',
    'deputies.photoHint': 'JPEG、PNG 或 WebP，不超过 8 MB；上传时去除拍摄位置等信息',
    'deputies.groups': '代表小组',
    'deputies.groupLeader': '组长',
  },
  {
    'deputies.field.termsHelp': 'One or more terms, e.g. 第十七届, 第十八届 (Enter after each)',
    'deputies.stationFilter': 'Station',
    'deputies.importWhat': 'a deputy register',
    'deputies.photo': 'Photo',
    'deputies.photoNone': 'No photo',
    'deputies.photoUpload': 'Upload a photo',
    'deputies.photoReplace': 'Replace the photo',
    'deputies.photoRemove': 'Remove the photo',
    'deputies.photoSaved': 'Photo updated',
    'deputies.photoRemoved': 'Photo removed',
    'deputies.photoHint': 'JPEG, PNG or WebP up to 8 MB; location and camera details are removed',
    'deputies.groups': 'Deputy groups',
    'deputies.groupLeader': 'leader',
  },
);

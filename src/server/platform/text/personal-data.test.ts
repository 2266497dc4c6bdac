import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, normalizePhone } from './personal-data.js';

describe('personal data as compared and shown', () => {
  it('writes a phone one way', () => {
    expect(normalizePhone('138 1234-5678')).toBe('13812345678');
    expect(normalizePhone('0574-8678 1234')).toBe('057486781234');
    expect(normalizePhone('+86 138 1234 5678')).toBe('+8613812345678');
  });

  it('masks phone numbers', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0574-86781234')).toBe('057********34');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks names, a one-character name whole', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('王')).toBe('*');
    expect(maskName('𠮷田')).toBe('𠮷*');
  });

  it('masks e-mail addresses', () => {
    expect(maskEmail('zhang.san@example.cn')).toBe('z***@example.cn');
  });
});
